"""Purging a CDN: the keys of what changed go to the purge address, failures are retried and listed."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command

from articles import workflow
from frontend.models import PurgeFailure

pytestmark = pytest.mark.django_db


class Recorder(ThreadingHTTPServer):
    """A CDN's purge endpoint on 127.0.0.1: records each request, answers the next status in ``answers``."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), RecordingHandler)
        self.requests, self.answers = [], []
        self.url = f"http://127.0.0.1:{self.server_address[1]}/purge"

    def keys_sent(self):
        return [set(headers.get("Surrogate-Key", "").split()) for _, _, headers in self.requests]


class RecordingHandler(BaseHTTPRequestHandler):
    def do_PURGE(self):
        self._answer()

    def do_BAN(self):
        self._answer()

    def _answer(self):
        self.server.requests.append((self.command, self.path, dict(self.headers)))
        status = self.server.answers.pop(0) if self.server.answers else 200
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder(settings):
    server = Recorder()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.NEWSROOM_CDN_PURGE_BACKEND = "frontend.purge.HttpPurge"
    settings.NEWSROOM_CDN_PURGE_URL = server.url
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_an_edit_purges_the_keys_of_the_pages_showing_it(
    client, make_story, recorder, django_capture_on_commit_callbacks
):
    story = make_story("Purged on edit")
    page_keys = set(client.get(story.get_absolute_url())["Surrogate-Key"].split())
    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Purged on edit, again"
        story.save()
    assert len(recorder.requests) == 1  # one purge per committed change, however many rows it wrote
    method, path, _ = recorder.requests[0]
    assert (method, path) == ("PURGE", "/purge")
    sent = recorder.keys_sent()[0]
    assert f"story:{story.pk}" in sent
    assert sent & page_keys  # a key the page's Surrogate-Key header named
    assert "story:" + str(story.pk + 1000) not in sent


def test_publishing_purges_the_lists_the_story_joins(
    client, make_story, editor, recorder, django_capture_on_commit_callbacks
):
    draft = make_story("Joins the lists", status="draft", tags=["Harbour"])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(draft, editor)
    sent = set().union(*recorder.keys_sent())
    assert {f"story:{draft.pk}", "stories", f"section-stories:{draft.section_id}"} <= sent
    assert any(key.startswith("tag-stories:") for key in sent)


def test_a_draft_change_purges_nothing(make_story, recorder, django_capture_on_commit_callbacks):
    draft = make_story("Private still", status="draft")
    with django_capture_on_commit_callbacks(execute=True):
        draft.headline = "Private, still"
        draft.save()
    assert recorder.requests == []


def test_the_method_can_be_ban(make_story, recorder, settings, django_capture_on_commit_callbacks):
    settings.NEWSROOM_CDN_PURGE_METHOD = "BAN"
    story = make_story("Banned")
    with django_capture_on_commit_callbacks(execute=True):
        story.save()
    assert [method for method, _, _ in recorder.requests] == ["BAN"]


def test_a_failing_purge_is_retried_then_recorded_and_retried_later(
    make_story, recorder, django_capture_on_commit_callbacks, caplog
):
    story = make_story("CDN having a bad day")
    recorder.answers = [503, 503, 503]
    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "CDN still having a bad day"
        story.save()
    assert len(recorder.requests) == 3
    [failure] = PurgeFailure.objects.all()
    assert f"story:{story.pk}" in failure.keys.split()
    assert "503" in failure.error
    assert failure.attempts == 3
    assert "CDN purge failed after 3 attempts" in caplog.text

    call_command("retry_purges")
    assert recorder.keys_sent()[-1] == set(failure.keys.split())
    assert not PurgeFailure.objects.exists()


def test_a_purge_that_succeeds_on_a_retry_is_not_recorded(
    make_story, recorder, django_capture_on_commit_callbacks
):
    story = make_story("Second time lucky")
    recorder.answers = [502]
    with django_capture_on_commit_callbacks(execute=True):
        story.save()
    assert len(recorder.requests) == 2
    assert not PurgeFailure.objects.exists()


def test_an_unreachable_purge_address_is_recorded_and_the_command_says_so(
    make_story, settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_CDN_PURGE_BACKEND = "frontend.purge.HttpPurge"
    settings.NEWSROOM_CDN_PURGE_URL = "http://127.0.0.1:9/purge"  # discard port: refused
    story = make_story("Nobody listening")
    with django_capture_on_commit_callbacks(execute=True):
        story.save()
    story.refresh_from_db()
    assert story.headline == "Nobody listening"  # the save stands
    assert "could not be reached" in PurgeFailure.objects.get().error
    with pytest.raises(CommandError, match="1 purge"):
        call_command("retry_purges")
    assert PurgeFailure.objects.get().attempts == 4


def test_the_desk_sees_failures_read_only_and_can_retry_them(
    client, superuser, make_story, recorder, django_capture_on_commit_callbacks
):
    story = make_story("Listed for the desk")
    recorder.answers = [500, 500, 500]
    with django_capture_on_commit_callbacks(execute=True):
        story.save()
    failure = PurgeFailure.objects.get()
    client.force_login(superuser)
    listing = client.get("/admin/frontend/purgefailure/")
    assert listing.status_code == 200
    assert f"story:{story.pk}" in listing.content.decode()
    assert "500" in listing.content.decode()
    assert client.get("/admin/frontend/purgefailure/add/").status_code == 403
    detail = client.get(f"/admin/frontend/purgefailure/{failure.pk}/change/")
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()

    answer = client.post(
        "/admin/frontend/purgefailure/",
        {"action": "retry_purge", "_selected_action": [failure.pk]},
        follow=True,
    )
    assert "Purged 1 of 1" in answer.content.decode()
    assert not PurgeFailure.objects.exists()


def test_no_backend_by_default_sends_nothing(
    make_story, recorder, settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_CDN_PURGE_BACKEND = "frontend.purge.NoPurge"
    story = make_story("Nothing in front")
    with django_capture_on_commit_callbacks(execute=True):
        story.save()
    assert recorder.requests == []
