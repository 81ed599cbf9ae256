"""The public page cache: fast for readers, never stale about what is public."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from articles.models import Story
from tests.outages import database_down, unreachable_redis_caches

pytestmark = pytest.mark.django_db


def test_a_repeat_visit_is_served_without_touching_the_database(
    client, make_story, django_assert_num_queries
):
    story = make_story("Cached story")
    assert client.get(story.get_absolute_url()).status_code == 200
    with django_assert_num_queries(0):
        response = client.get(story.get_absolute_url())
    assert "Cached story" in response.content.decode()
    assert "public" in response["Cache-Control"]
    assert response["X-Cache"] == "hit"


def test_an_edit_shows_as_soon_as_it_is_committed(client, make_story, django_capture_on_commit_callbacks):
    story = make_story("First wording")
    client.get(story.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Second wording"
        story.save()
        # Not committed yet: readers still get the page as it was.
        assert "First wording" in client.get(story.get_absolute_url()).content.decode()
    assert "Second wording" in client.get(story.get_absolute_url()).content.decode()


def test_an_unpublished_story_disappears_at_once(client, make_story, django_capture_on_commit_callbacks):
    story = make_story("Soon withdrawn")
    assert "Soon withdrawn" in client.get("/").content.decode()
    client.get(story.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        story.status = Story.Status.UNPUBLISHED
        story.save()
    assert "Soon withdrawn" not in client.get("/").content.decode()
    assert client.get(story.get_absolute_url()).status_code == 404


def test_a_new_correction_shows_at_once(client, make_story, django_capture_on_commit_callbacks):
    story = make_story("Corrected later")
    client.get(story.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        story.corrections.create(note="A figure was wrong.")
    assert "A figure was wrong." in client.get(story.get_absolute_url()).content.decode()


def test_pages_expire_when_the_next_scheduled_story_goes_live(client, make_story):
    make_story("Already out")
    release = timezone.now() + timedelta(seconds=20)
    make_story("Goes out in twenty seconds", publish_at=release)

    first = client.get("/")
    assert "Goes out in twenty seconds" not in first.content.decode()
    assert 0 < int(first["Cache-Control"].split("max-age=")[1]) <= 20
    with time_machine.travel(release + timedelta(seconds=1)):
        assert "Goes out in twenty seconds" in client.get("/").content.decode()


def test_requests_with_a_session_bypass_the_cache(client, make_story, django_assert_max_num_queries):
    story = make_story("For staff eyes too")
    client.cookies[settings.SESSION_COOKIE_NAME] = "anything"
    client.get(story.get_absolute_url())
    with django_assert_max_num_queries(8) as queries:
        client.get(story.get_absolute_url())
    assert len(queries) > 0


def test_a_bulk_update_shows_at_once(client, make_story, django_capture_on_commit_callbacks):
    story = make_story("Pulled in bulk")
    assert client.get(story.get_absolute_url()).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        Story.objects.filter(pk=story.pk).update(status=Story.Status.UNPUBLISHED)
    assert client.get(story.get_absolute_url()).status_code == 404


# Staying up when Redis or the database fails


def test_pages_are_served_uncached_while_the_cache_is_unreachable(client, make_story, settings, caplog):
    story = make_story("Read while Redis is down")
    settings.CACHES = unreachable_redis_caches()
    for _ in range(2):
        response = client.get(story.get_absolute_url())
        assert response.status_code == 200
        assert "Read while Redis is down" in response.content.decode()
        assert response["X-Cache"] == "miss"
    assert "Page cache unavailable" in caplog.text


def test_a_change_while_the_cache_is_unreachable_is_saved(
    make_story, settings, caplog, django_capture_on_commit_callbacks
):
    story = make_story("Saved while Redis is down")
    settings.CACHES = unreachable_redis_caches()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        story.headline = "Still saved while Redis is down"
        story.save()
    assert callbacks  # the page cache's invalidation ran, and its failure was only logged
    assert "Page cache unavailable" in caplog.text
    story.refresh_from_db()
    assert story.headline == "Still saved while Redis is down"


def test_a_cached_page_is_served_stale_while_the_database_is_down(client, make_story):
    story = make_story("Kept for a rainy day")
    assert client.get(story.get_absolute_url())["X-Cache"] == "miss"
    later = timezone.now() + timedelta(seconds=settings.NEWSROOM_PAGE_CACHE_SECONDS + 60)
    with time_machine.travel(later), database_down():
        response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Cache"] == "stale"
    assert "Kept for a rainy day" in response.content.decode()
    assert "max-age=0" in response["Cache-Control"]


def test_a_stale_copy_is_dropped_after_the_stale_window(client, make_story):
    story = make_story("Too old to show")
    client.get(story.get_absolute_url())
    seconds = settings.NEWSROOM_PAGE_CACHE_SECONDS + settings.NEWSROOM_PAGE_STALE_SECONDS + 60
    with time_machine.travel(timezone.now() + timedelta(seconds=seconds)), database_down():
        response = client.get(story.get_absolute_url())
    assert response.status_code == 503
    assert "Too old to show" not in response.content.decode()


def test_a_page_cached_before_an_unpublish_is_never_served_stale(
    client, make_story, django_capture_on_commit_callbacks
):
    story = make_story("Withdrawn before the outage")
    client.get(story.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        story.status = Story.Status.UNPUBLISHED
        story.save()
    with database_down():
        response = client.get(story.get_absolute_url())
    assert response.status_code == 503
    assert "Withdrawn before the outage" not in response.content.decode()
