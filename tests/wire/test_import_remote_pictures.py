"""Remote pictures are fetched only from the hosts ``NEWSROOM_WIRE_PICTURE_HOSTS`` names, and
checked like an upload. Every fetch goes to a tiny HTTP server the test starts on 127.0.0.1;
the same server reached as ``localhost`` stands for a host that is not named."""

import contextlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from articles.models import Story
from media.models import Image
from tests.importing import import_stories
from tests.pictures import picture_bytes

pytestmark = pytest.mark.django_db
HARBOUR = picture_bytes((300, 200))
BIG = picture_bytes((1600, 1200))


class PictureServer:
    """Serves /harbour.jpg, /big.jpg (over the test's size limit), /notes.jpg (text, not a
    picture), /hop.jpg (a redirect to a host not named); records the paths asked for."""

    def __init__(self):
        self.requests = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server.requests.append(self.path)
                if self.path == "/hop.jpg":
                    self.send_response(302)
                    self.send_header("Location", f"http://localhost:{server.port}/harbour.jpg")
                    self.end_headers()
                    return
                body = {
                    "/harbour.jpg": HARBOUR,
                    "/big.jpg": BIG,
                    "/notes.jpg": b"Meeting notes, not a photo.\n" * 20,
                }.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "image/jpeg")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path, host="127.0.0.1"):
        return f"http://{host}:{self.port}{path}"


@pytest.fixture
def server(settings):
    settings.NEWSROOM_WIRE_PICTURE_HOSTS = ["127.0.0.1"]
    settings.NEWSROOM_WIRE_PICTURE_TIMEOUT = 2
    settings.NEWSROOM_IMAGE_MAX_BYTES = len(HARBOUR) * 3
    running = PictureServer()
    running.thread.start()
    yield running
    running.httpd.shutdown()
    running.httpd.server_close()


def import_item_with_picture(folder, url, number=1):
    """Import one ninjs story whose only picture is at ``url``."""
    picture = {
        "type": "picture", "rel": "featuremedia", "headlines": [{"value": "Harbour at dawn"}],
        "by": "Ana Lima / Harbour Press",
        "descriptions": [{"role": "caption", "value": "The harbour before the boats go out."},
                         {"role": "alt", "value": "Fishing boats tied up at the harbour wall"}],
        "renditions": [{"name": "original", "href": url, "contentType": "image/jpeg"}],
    }  # fmt: skip
    item = {
        "uri": f"urn:newsroom-tests:remote-picture-{number}", "type": "text",
        "headlines": [{"role": "main", "value": f"Harbour story {number}"}],
        "bodies": [{"role": "main", "contentType": "text/html", "value": "<p>The boats went out.</p>"}],
        "associations": [picture],
    }  # fmt: skip
    path = folder / f"story-{number}.json"
    path.write_text(json.dumps(item))
    return import_stories(path)


def test_a_picture_on_a_named_host_is_fetched_once_and_added(world, server, tmp_path):
    run = import_item_with_picture(tmp_path, server.url("/harbour.jpg"))
    assert run.ok and "note" not in run.out, run.out
    image = Story.objects.get().lead_image
    assert (image.title, image.caption, image.credit, image.alt_text, image.width, image.height) == (
        "Harbour at dawn", "The harbour before the boats go out.", "Ana Lima / Harbour Press",
        "Fishing boats tied up at the harbour wall", 300, 200,
    )  # fmt: skip
    assert image.source_url == server.url("/harbour.jpg")
    assert import_item_with_picture(tmp_path, server.url("/harbour.jpg"), number=2).ok
    assert Story.objects.get(headline="Harbour story 2").lead_image == image
    assert server.requests == ["/harbour.jpg"]  # the second story's picture was known by its address


def test_a_picture_on_a_host_not_named_is_recorded_and_never_fetched(world, server, tmp_path):
    address = server.url("/harbour.jpg", host="localhost")
    run = import_item_with_picture(tmp_path, address)
    assert run.ok, run.err
    assert (
        "picture not fetched (remote; only local files and the hosts in NEWSROOM_WIRE_PICTURE_HOSTS "
        f"are imported): {address}"
    ) in run.out
    assert server.requests == []
    assert Story.objects.get().lead_image is None and not Image.objects.exists()


def test_a_redirect_to_a_host_not_named_is_not_followed(world, server, tmp_path):
    run = import_item_with_picture(tmp_path, server.url("/hop.jpg"))
    assert run.ok, run.err
    assert "picture not fetched (localhost is not among the allowed hosts (127.0.0.1))" in run.out
    assert server.requests == ["/hop.jpg"] and not Image.objects.exists()


def test_an_oversized_picture_is_refused(world, server, tmp_path, settings):
    run = import_item_with_picture(tmp_path, server.url("/big.jpg"))
    assert run.ok, run.err
    limit = settings.NEWSROOM_IMAGE_MAX_BYTES
    assert (
        f"picture not fetched (the picture is {len(BIG):,} bytes, over the {limit:,}-byte limit): "
        f"{server.url('/big.jpg')}"
    ) in run.out
    assert Story.objects.get().lead_image is None and not Image.objects.exists()


def test_a_fetched_file_that_is_not_a_picture_is_refused(world, server, tmp_path):
    run = import_item_with_picture(tmp_path, server.url("/notes.jpg"))
    assert run.ok, run.err
    assert "picture refused: notes.jpg: this is not a JPEG, PNG, WebP, AVIF or GIF picture" in run.out
    assert Story.objects.get().lead_image is None and not Image.objects.exists()
