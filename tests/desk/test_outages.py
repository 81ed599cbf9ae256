"""The desk when a service fails: saves survive a Redis outage; a database outage shows a maintenance page."""

import pytest
from django.urls import reverse

from tests.helpers import form_data
from tests.outages import database_down, unreachable_redis_caches

pytestmark = pytest.mark.django_db


def change_url(story):
    return reverse("admin:articles_story_change", args=[story.pk])


def test_an_editor_saves_a_story_while_the_cache_is_unreachable(
    client, editor, make_story, settings, django_capture_on_commit_callbacks
):
    story = make_story("Harbour strike enters second week")
    client.force_login(editor)
    settings.CACHES = unreachable_redis_caches()
    data = form_data(client.get(change_url(story)), "story_form", headline="Harbour strike ends after talks")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change_url(story), data)
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "Harbour strike ends after talks"
    client.logout()
    assert "Harbour strike ends after talks" in client.get(story.get_absolute_url()).content.decode()


def test_the_admin_shows_a_maintenance_page_while_the_database_is_down(client, editor, make_story):
    story = make_story("Harbour strike enters second week")
    client.force_login(editor)
    for url in (reverse("admin:index"), change_url(story)):
        with database_down():
            response = client.get(url)
        assert response.status_code == 503
        assert int(response["Retry-After"]) > 0
        content = response.content.decode()
        assert "The desk is unavailable" in content
        assert "Traceback" not in content and "Connection refused" not in content


def test_a_save_posted_while_the_database_is_down_gets_the_maintenance_page(client, editor, make_story):
    story = make_story("Harbour strike enters second week")
    client.force_login(editor)
    data = form_data(client.get(change_url(story)), "story_form", headline="Lost in the outage?")
    with database_down():
        response = client.post(change_url(story), data)
    assert response.status_code == 503
    assert "copy your text somewhere safe" in response.content.decode()
    # Back up: the desk works again, with the story as it was.
    response = client.get(change_url(story))
    assert response.status_code == 200
    story.refresh_from_db()
    assert story.headline == "Harbour strike enters second week"
