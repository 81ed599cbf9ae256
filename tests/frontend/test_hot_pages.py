"""Hot pages: a cached page served again from the process's memory, through the WSGI
door gunicorn uses (``newsroom/wsgi.py``), and only while the shared cache says it is current."""

import io
import sys
from datetime import timedelta

import pytest
import time_machine
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_started
from django.utils import timezone

from articles.models import Section
from frontend.hot_pages import HotPages
from tests.outages import unreachable_redis_caches

pytestmark = pytest.mark.django_db


class Server:
    """One process's WSGI application (hot pages in front of Django), asked as gunicorn asks it."""

    def __init__(self):
        self.application = HotPages(WSGIHandler())
        self.reached_django = 0

    def get(self, path, method="GET", **headers):
        path, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "HTTP_HOST": "testserver",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
            **headers,
        }
        answer = {}

        def start_response(status, headers, exc_info=None):
            answer["status"], answer["headers"] = int(status.split()[0]), dict(headers)

        body = self.application(environ, start_response)
        try:
            answer["body"] = b"".join(body).decode()
        finally:
            if hasattr(body, "close"):
                body.close()
        return answer


@pytest.fixture(autouse=True, params=["default cache", "redis"])
def cache_kind(request):
    """Each test with the tests' own cache (no bump log) and with Redis (the bump log vouching)."""
    if request.param == "redis":
        request.getfixturevalue("redis_cache")
    return request.param


@pytest.fixture
def server(keep_the_tests_connection):
    """A process; counts the requests that went through Django's request handling."""
    served = Server()

    def count(**kwargs):
        served.reached_django += 1

    request_started.connect(count)
    yield served
    request_started.disconnect(count)


def hot(server, path):
    """Read ``path`` until it is answered from memory (a miss, a hit through Django, then hot)."""
    first, second = server.get(path), server.get(path)
    assert (first["headers"]["X-Cache"], second["headers"]["X-Cache"]) == ("miss", "hit")
    before = server.reached_django
    answer = server.get(path)
    assert server.reached_django == before, "answered from memory"
    return second, answer


def test_a_hot_page_is_answered_from_memory_with_what_django_sent(server, make_story):
    story = make_story("Harbour reopens")
    through_django, from_memory = hot(server, story.get_absolute_url())
    assert from_memory["status"] == 200
    assert from_memory["body"] == through_django["body"]
    assert "Harbour reopens" in from_memory["body"]
    # Every header the middleware gave it: security, policy, caching.
    assert from_memory["headers"] == through_django["headers"]
    for name in ("Content-Security-Policy", "X-Content-Type-Options", "ETag", "Surrogate-Key"):
        assert name in from_memory["headers"], name


def test_a_change_is_seen_on_the_next_request(server, make_story, django_capture_on_commit_callbacks):
    story = make_story("Harbour reopens")
    hot(server, "/")
    hot(server, story.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Harbour reopens after the storm"
        story.save()
    for path in ("/", story.get_absolute_url()):
        answer = server.get(path)
        assert answer["headers"]["X-Cache"] == "miss", path
        assert "after the storm" in answer["body"], path


def test_a_change_elsewhere_leaves_a_hot_page_in_memory(
    server, make_story, django_capture_on_commit_callbacks
):
    sport = Section.objects.create(name="Sport", slug="sport")
    story = make_story("Harbour reopens")
    elsewhere = make_story("Rowing club wins", section=sport)
    _, before = hot(server, story.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        elsewhere.headline = "Rowing club wins again"
        elsewhere.save()
    reached = server.reached_django
    answer = server.get(story.get_absolute_url())
    assert server.reached_django == reached, "its keys did not move: still answered from memory"
    assert answer["body"] == before["body"]
    # The change itself is seen where it shows.
    assert "wins again" in server.get(elsewhere.get_absolute_url())["body"]


def test_after_a_change_only_the_pages_showing_it_leave_memory(
    server, make_story, django_capture_on_commit_callbacks
):
    sport = Section.objects.create(name="Sport", slug="sport")
    changed = make_story("Harbour reopens")
    others = [make_story("Rowing club wins", section=sport), make_story("Cycling club wins", section=sport)]
    for story in [changed, *others]:
        hot(server, story.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        changed.headline = "Harbour reopens after the storm"
        changed.save()
    reached = server.reached_django
    assert "after the storm" in server.get(changed.get_absolute_url())["body"]
    assert server.reached_django == reached + 1
    for story in others:
        server.get(story.get_absolute_url())
    assert server.reached_django == reached + 1, "checked once for all of them, still in memory"


def test_a_change_is_seen_by_each_process(
    make_story, django_capture_on_commit_callbacks, keep_the_tests_connection
):
    story = make_story("Harbour reopens")
    first, second = Server(), Server()
    for process in (first, second):
        process.get(story.get_absolute_url())
        process.get(story.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Harbour stays shut"
        story.save()
    assert all("Harbour stays shut" in p.get(story.get_absolute_url())["body"] for p in (first, second))


def test_a_page_goes_at_the_next_scheduled_release(server, make_story):
    make_story("Harbour reopens")
    make_story("Storm warning lifted", publish_at=timezone.now() + timedelta(minutes=5))
    _, before = hot(server, "/")
    assert "Storm warning lifted" not in before["body"]
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        answer = server.get("/")
    assert "Storm warning lifted" in answer["body"]


def test_browsers_are_told_the_time_it_has_left(server, make_story):
    make_story("Harbour reopens")
    _, answer = hot(server, "/")  # kept a minute (NEWSROOM_PAGE_CACHE_SECONDS)
    max_age = int(answer["headers"]["Cache-Control"].split("max-age=")[1].split(",")[0])
    with time_machine.travel(timezone.now() + timedelta(seconds=20)):
        later = server.get("/")
    assert int(later["headers"]["Cache-Control"].split("max-age=")[1].split(",")[0]) <= max_age - 19


@pytest.mark.parametrize(
    "request_headers",
    [
        {"HTTP_COOKIE": "sessionid=abc"},
        {"HTTP_IF_NONE_MATCH": "*"},
        {"REQUEST_METHOD": "HEAD"},
    ],
    ids=["staff session", "conditional GET", "HEAD"],
)
def test_what_may_need_another_answer_goes_to_django(server, make_story, request_headers):
    story = make_story("Harbour reopens")
    hot(server, story.get_absolute_url())
    before = server.reached_django
    headers = dict(request_headers)
    answer = server.get(story.get_absolute_url(), method=headers.pop("REQUEST_METHOD", "GET"), **headers)
    assert server.reached_django == before + 1
    assert answer["status"] in (200, 304)


def test_a_conditional_get_still_gets_its_304(server, make_story):
    story = make_story("Harbour reopens")
    _, answer = hot(server, story.get_absolute_url())
    again = server.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=answer["headers"]["ETag"])
    assert again["status"] == 304


def test_staff_are_never_answered_from_memory(server, client, editor, make_story):
    story = make_story("Harbour reopens")
    hot(server, story.get_absolute_url())
    client.force_login(editor)
    session = client.cookies["sessionid"].value
    answer = server.get(story.get_absolute_url(), HTTP_COOKIE=f"sessionid={session}")
    assert answer["headers"]["X-Cache"] == "bypass"
    assert "no-store" in answer["headers"]["Cache-Control"]


def test_when_the_shared_cache_cannot_vouch_for_a_page_django_answers(server, make_story, settings):
    story = make_story("Harbour reopens")
    hot(server, story.get_absolute_url())
    settings.CACHES = unreachable_redis_caches()
    before = server.reached_django
    answer = server.get(story.get_absolute_url())
    assert server.reached_django == before + 1
    assert answer["status"] == 200 and "Harbour reopens" in answer["body"]


def test_memory_is_bounded_least_recently_served_first(server, make_story, settings):
    stories = [make_story(f"Story {number}") for number in range(5)]
    paths = [story.get_absolute_url() for story in stories]
    sizes = [len(server.get(path)["body"].encode()) for path in paths]
    # Room for four of them: the fifth pushes out the one served longest ago.
    settings.NEWSROOM_HOT_PAGES_BYTES = 4 * max(sizes)
    for path in paths:
        server.get(path)  # a hit through Django, kept
    before = server.reached_django
    server.get(paths[-1])
    assert server.reached_django == before, "the latest is kept"
    server.get(paths[0])
    assert server.reached_django == before + 1, "the first went"


def test_off_when_given_no_room(server, make_story, settings):
    settings.NEWSROOM_HOT_PAGES_BYTES = 0
    story = make_story("Harbour reopens")
    for _ in range(3):
        server.get(story.get_absolute_url())
    assert server.reached_django == 3
