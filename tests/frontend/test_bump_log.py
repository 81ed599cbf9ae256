"""The bump log (frontend/bump_log.py) on Redis: after a change, the pages a process keeps are
vouched for by one read of what was bumped, never by guessing when the log cannot say."""

import pytest
import redis

from articles.models import Section
from frontend import caching
from frontend.bump_log import BumpLog
from frontend.safe_cache import page_cache
from tests.frontend.test_hot_pages import Server, hot

pytestmark = pytest.mark.django_db


@pytest.fixture
def server(redis_cache, keep_the_tests_connection):
    served = Server()
    served.redis = redis.Redis.from_url(redis_cache.url)
    return served


@pytest.fixture
def sport(db):
    return Section.objects.create(name="Sport", slug="sport")


def mgets(server):
    return server.redis.info("commandstats").get("cmdstat_mget", {}).get("calls", 0)


def change(story, headline, capture):
    with capture(execute=True):
        story.headline = headline
        story.save()


def one_changed_one_not(server, make_story, sport, capture):
    """Two hot pages, the first then changed; the second does not show it."""
    story = make_story("Match report", section=sport)
    other = make_story("Harbour reopens")
    hot(server, story.get_absolute_url())
    _, before = hot(server, other.get_absolute_url())
    assert f"story:{story.pk}" not in before["headers"]["Surrogate-Key"].split()
    change(story, "Match report: a late winner", capture)
    return story, other, before


def test_after_a_change_the_pages_it_does_not_touch_cost_one_read_in_all(
    server, make_story, sport, django_capture_on_commit_callbacks
):
    pages = [make_story(f"Match report {number}", section=sport).get_absolute_url() for number in range(6)]
    elsewhere = make_story("Harbour reopens")
    for path in pages:
        hot(server, path)
    change(elsewhere, "Harbour reopens after the storm", django_capture_on_commit_callbacks)

    reached, before = server.reached_django, mgets(server)
    answers = [server.get(path) for path in pages]
    assert server.reached_django == reached, "all still answered from memory"
    assert all(f"Match report {number}" in answer["body"] for number, answer in enumerate(answers))
    assert mgets(server) - before <= 1, "one read of the log, not one of versions per page"


def test_the_page_a_change_touches_is_rendered_again(
    server, make_story, sport, django_capture_on_commit_callbacks
):
    story = make_story("Match report", section=sport)
    hot(server, story.get_absolute_url())
    hot(server, "/")
    change(story, "Match report: a late winner", django_capture_on_commit_callbacks)
    for path in (story.get_absolute_url(), "/"):
        answer = server.get(path)
        assert answer["headers"]["X-Cache"] == "miss", path
        assert "a late winner" in answer["body"], path


def test_a_lost_entry_of_the_log_never_lets_a_changed_page_through(
    server, make_story, sport, django_capture_on_commit_callbacks
):
    story, other, before = one_changed_one_not(server, make_story, sport, django_capture_on_commit_callbacks)
    # As if the entry had expired, or its bump were still being written: only the versions can tell.
    for key in server.redis.scan_iter(match="*newsroom:bumped:*"):
        server.redis.delete(key)
    assert "a late winner" in server.get(story.get_absolute_url())["body"]
    reached = server.reached_django
    assert server.get(other.get_absolute_url())["body"] == before["body"]
    assert server.reached_django == reached, "its versions say it is current: still in memory"


def test_a_process_that_starts_after_the_renders_reads_back_what_it_missed(
    server, make_story, sport, django_capture_on_commit_callbacks, monkeypatch
):
    story, other, before = one_changed_one_not(server, make_story, sport, django_capture_on_commit_callbacks)
    # A new process: it knows none of the bumps made so far, and reads the latest back.
    monkeypatch.setattr(caching, "bumps", BumpLog(page_cache, caching.clock.read))
    assert "a late winner" in server.get(story.get_absolute_url())["body"]
    reached, mget_before = server.reached_django, mgets(server)
    assert server.get(other.get_absolute_url())["body"] == before["body"]
    assert server.reached_django == reached, "still answered from memory"
    assert mgets(server) == mget_before, "vouched for by the log read back, not by its versions"
