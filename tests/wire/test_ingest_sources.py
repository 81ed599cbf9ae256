"""Ingest sources through their doors: the polling task, a watched folder, the push endpoint.

Every network test talks only to a tiny HTTP server the test starts on 127.0.0.1. Without a
broker (the test settings), Celery runs tasks in the calling process.
"""

import contextlib
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from celery.exceptions import Retry
from django.utils import timezone

from articles.models import Story
from tests.project_files import FILES
from wire.ingest.fetch import FetchFailed, FetchRefused
from wire.ingest.models import Delivery, IngestedItem, Source
from wire.ingest.push import signature
from wire.ingest.receive import receive
from wire.models import ImportRecord
from wire.tasks import poll_source

pytestmark = pytest.mark.django_db

FEED = (FILES / "feeds/rss-kelsby-gazette.rss").read_bytes()


class FeedServer:
    """Serves /feed.rss with an ETag (answering 304 to it), /slow that never answers in time,
    /big over the size limit, and /hop that redirects elsewhere; records what it was sent."""

    def __init__(self):
        self.requests = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server.requests.append((self.path, self.headers.get("If-None-Match")))
                if self.path == "/feed.rss":
                    if self.headers.get("If-None-Match") == '"v1"':
                        self.send_response(304)
                        self.end_headers()
                        return
                    self._send(FEED, etag='"v1"')
                elif self.path == "/slow":
                    time.sleep(3)
                    self._send(FEED)
                elif self.path == "/big":
                    self._send(b"<rss>" + b" " * 200_000 + b"</rss>")
                elif self.path == "/hop":
                    self.send_response(302)
                    self.send_header("Location", "http://localhost.invalid/feed.rss")
                    self.end_headers()

            def _send(self, body, etag=None):
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(body)))
                if etag:
                    self.send_header("ETag", etag)
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    with FeedServer() as running:
        yield running


@pytest.fixture(autouse=True)
def _spool(settings, tmp_path):
    settings.NEWSROOM_INGEST_DIR = str(tmp_path / "spool")
    settings.NEWSROOM_INGEST_TIMEOUT = 1
    settings.NEWSROOM_INGEST_MAX_BYTES = 100_000


def feed_source(server, path="/feed.rss", **fields):
    return Source.objects.create(name="Kelsby Gazette", slug="kelsby", kind=Source.Kind.FEED,
                                 url=f"{server.url}{path}", **fields)  # fmt: skip


def poll(source):
    """Run the polling task as beat would; (result or the error it ended with)."""
    try:
        return poll_source.apply(args=[source.pk], throw=True).result
    except (FetchFailed, FetchRefused, Retry) as error:
        return error


def test_a_feed_polled_twice_imports_once_and_the_second_poll_is_a_304(world, server):
    source = feed_source(server)
    poll(source)
    assert Story.objects.count() == 3
    records = list(ImportRecord.objects.values_list("guid", "checksum", "imported_at"))

    poll(source)
    assert server.requests[-1] == ("/feed.rss", '"v1"')  # conditional GET
    assert Delivery.objects.count() == 1
    assert list(ImportRecord.objects.values_list("guid", "checksum", "imported_at")) == records
    assert IngestedItem.objects.filter(outcome="created").count() == 3
    source.refresh_from_db()
    assert source.consecutive_failures == 0 and source.last_success_at is not None


def test_new_stories_follow_the_sources_section_and_status(world, server, europe):
    source = feed_source(server, section=europe, status=Source.Status.IN_REVIEW)
    poll(source)
    assert set(Story.objects.values_list("section__slug", "status")) == {("europe", "review")}


def test_publishing_on_arrival_needs_an_editors_permission(world, server, reporter):
    source = feed_source(server, status=Source.Status.PUBLISHED)  # nobody allowed it
    poll(source)
    assert set(Story.objects.values_list("status", flat=True)) == {Story.Status.IN_REVIEW}


def test_a_feed_that_times_out_is_a_failure_retried_later_and_nothing_is_imported(world, server):
    source = feed_source(server, path="/slow")
    retry = poll(source)
    # Scheduled again with backoff, not given up.
    assert isinstance(retry, Retry) and isinstance(retry.exc, FetchFailed) and "timed out" in str(retry.exc)
    assert not Story.objects.exists()
    source.refresh_from_db()
    assert source.consecutive_failures >= 1 and "timed out" in source.last_error


def test_an_oversized_feed_is_refused(world, server):
    error = poll(feed_source(server, path="/big"))
    assert isinstance(error, FetchRefused) and "limit" in str(error)
    assert not Story.objects.exists() and not Delivery.objects.exists()


def test_a_redirect_to_a_host_not_allowed_is_refused(world, server):
    error = poll(feed_source(server, path="/hop"))
    assert isinstance(error, FetchRefused) and "localhost.invalid is not among" in str(error)


def test_only_http_and_https_feeds_are_fetched(world, server):
    source = feed_source(server)
    Source.objects.filter(pk=source.pk).update(url="file:///etc/passwd", allowed_hosts="")
    error = poll(source)
    assert isinstance(error, FetchRefused) and "only http and https" in str(error)


def test_a_paused_source_is_not_fetched(world, server):
    poll(feed_source(server, paused=True))
    assert server.requests == [] and not Story.objects.exists()


def test_a_folder_source_picks_up_new_files_only(world, tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "a.json").write_bytes((FILES / "ninjs/ninjs-3x-chess-prodigy.json").read_bytes())
    (folder / "b.xml").write_bytes((FILES / "nitf/nitf-telescope-library.xml").read_bytes())
    source = Source.objects.create(name="Drop", slug="drop", kind=Source.Kind.FOLDER, folder=str(folder))
    assert len(poll(source)) == 2
    assert Story.objects.count() == 2

    (folder / "c.txt").write_bytes((FILES / "text/byline-and-list.txt").read_bytes())
    assert len(poll(source)) == 1  # only c.txt is a new delivery
    assert Story.objects.count() == 3
    assert IngestedItem.objects.count() == 3


def test_a_file_received_by_a_poll_that_died_before_queueing_it_is_imported_later(world, tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "a.json").write_bytes((FILES / "ninjs/ninjs-3x-chess-prodigy.json").read_bytes())
    source = Source.objects.create(name="Drop", slug="drop", kind=Source.Kind.FOLDER, folder=str(folder))
    delivery, _ = receive(source, "a.json", (folder / "a.json").read_bytes())  # and then the worker died

    assert poll(source) == []  # its import may still be queued: not yet
    Delivery.objects.filter(pk=delivery.pk).update(received_at=timezone.now() - timedelta(hours=2))
    assert poll(source) == [delivery.pk]

    assert Story.objects.count() == 1
    assert poll(source) == []


def push_source():
    return Source.objects.create(name="Agency push", slug="agency", kind=Source.Kind.PUSH)


def push(client, source, body, secret=None):
    sig = signature(secret or source.push_secret, body)
    return client.post(f"/wire/push/{source.slug}/", body, content_type="application/json",
                       HTTP_X_NEWSROOM_SIGNATURE=sig)  # fmt: skip


def test_a_push_with_a_bad_signature_is_refused(world, client):
    source = push_source()
    body = (FILES / "ninjs/ninjs-3x-chess-prodigy.json").read_bytes()
    assert push(client, source, body, secret="not-the-secret").status_code == 403
    unsigned = client.post(f"/wire/push/{source.slug}/", body, content_type="application/json")
    assert unsigned.status_code == 403
    assert not Story.objects.exists() and not Delivery.objects.exists()


def test_the_same_item_pushed_twice_is_imported_once(world, client):
    source = push_source()
    body = (FILES / "ninjs/ninjs-3x-chess-prodigy.json").read_bytes()
    first = push(client, source, body)
    assert first.status_code == 202
    assert Story.objects.get().headline == "Twelve-year-old wins the Eastmarch open chess title"
    again = push(client, source, body)
    assert again.status_code == 200 and again.json()["status"] == "already received"
    # Same guid and version in a different envelope (re-serialised): unchanged, not a second story.
    reserialised = body.replace(b'"standard"', b'"standard" ', 1)
    assert push(client, source, reserialised).status_code == 202
    assert Story.objects.count() == 1
    assert IngestedItem.objects.filter(outcome="unchanged").count() == 1
