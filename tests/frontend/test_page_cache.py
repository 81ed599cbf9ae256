"""The public page cache: fast for readers, never stale about what is public."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from articles.models import Story

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


def test_an_edit_shows_at_once(client, make_story):
    story = make_story("First wording")
    client.get(story.get_absolute_url())
    story.headline = "Second wording"
    story.save()
    assert "Second wording" in client.get(story.get_absolute_url()).content.decode()


def test_an_unpublished_story_disappears_at_once(client, make_story):
    story = make_story("Soon withdrawn")
    assert "Soon withdrawn" in client.get("/").content.decode()
    client.get(story.get_absolute_url())
    story.status = Story.Status.UNPUBLISHED
    story.save()
    assert "Soon withdrawn" not in client.get("/").content.decode()
    assert client.get(story.get_absolute_url()).status_code == 404


def test_a_new_correction_shows_at_once(client, make_story):
    story = make_story("Corrected later")
    client.get(story.get_absolute_url())
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


def test_a_bulk_update_shows_at_once(client, make_story):
    story = make_story("Pulled in bulk")
    assert client.get(story.get_absolute_url()).status_code == 200
    Story.objects.filter(pk=story.pk).update(status=Story.Status.UNPUBLISHED)
    assert client.get(story.get_absolute_url()).status_code == 404
