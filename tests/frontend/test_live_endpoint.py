"""The endpoint a live page's script polls (frontend/live.py): the newest updates
as the page shows them, through the page cache and forgotten with the story,
and never anything of a story readers may not see."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Story
from articles.models.live import add_update, set_coverage_open
from frontend.live import UPDATES_POLLED
from tests.live import add, live_story

pytestmark = pytest.mark.django_db


def endpoint(story):
    return story.get_absolute_url() + "updates.json"


@pytest.fixture
def story(make_story):
    story = live_story(make_story)
    add(story, "Winds reach the harbour.", minutes_ago=20)
    add(story, "Ferries are cancelled.", minutes_ago=5, key_event=True, headline="Ferries stop")
    return story


def test_it_lists_the_newest_updates_with_their_markup(client, story):
    response = client.get(endpoint(story))
    data = response.json()

    assert response["Content-Type"] == "application/json"
    assert data["open"] is True
    assert ["Ferries are cancelled." in u["html"] for u in data["updates"]] == [True, False]
    assert 'id="update-' in data["updates"][0]["html"]
    assert data["updates"][0]["published"] > data["updates"][1]["published"]
    assert "Ferries stop" in data["key_events"]


def test_it_sends_at_most_the_newest_few(client, story):
    for minute in range(UPDATES_POLLED + 5):
        add(story, f"Extra {minute}.", minutes_ago=minute)

    assert len(client.get(endpoint(story)).json()["updates"]) == UPDATES_POLLED


def test_it_is_cached_for_readers_and_forgotten_when_an_update_is_added(
    client, story, django_capture_on_commit_callbacks
):
    first = client.get(endpoint(story))
    assert first["X-Cache"] == "miss"
    assert "public" in first["Cache-Control"] and "s-maxage" in first["Cache-Control"]
    assert f"story:{story.pk}" in first["Surrogate-Key"].split()
    assert client.get(endpoint(story))["X-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        add_update(story, body="Power is back.")

    again = client.get(endpoint(story))
    assert again["X-Cache"] == "miss"
    assert "Power is back." in again.json()["updates"][0]["html"]


def test_closing_the_coverage_reaches_the_endpoint(client, story, django_capture_on_commit_callbacks):
    assert client.get(endpoint(story)).json()["open"] is True
    with django_capture_on_commit_callbacks(execute=True):
        set_coverage_open(story, False)

    assert client.get(endpoint(story)).json()["open"] is False


def test_a_draft_live_story_has_no_endpoint(client, make_story):
    draft = live_story(make_story, status=Story.Status.DRAFT)
    add(draft, "Secret plans.")

    response = client.get(endpoint(draft))
    assert response.status_code == 404
    assert b"Secret plans" not in response.content


def test_an_embargoed_or_scheduled_live_story_has_no_endpoint(client, make_story):
    embargoed = live_story(
        make_story, headline="Embargoed live", embargo_until=timezone.now() + timedelta(hours=2)
    )
    scheduled = live_story(make_story, headline="Later live", publish_at=timezone.now() + timedelta(hours=2))
    for story in (embargoed, scheduled):
        add(story, "Not yet.")
        assert client.get(endpoint(story)).status_code == 404


def test_an_unpublished_story_disappears_from_a_cached_endpoint(
    client, story, editor, django_capture_on_commit_callbacks
):
    assert client.get(endpoint(story)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(story, editor)

    response = client.get(endpoint(story))
    assert response.status_code == 404
    assert b"Ferries" not in response.content


def test_a_story_of_another_type_has_no_endpoint(client, make_story):
    story = make_story("Plain news")

    assert client.get(endpoint(story)).status_code == 404


def test_it_answers_only_at_the_story_own_address(client, story, europe):
    wrong_section = endpoint(story).replace("/world/", "/europe/", 1)

    assert client.get(wrong_section).status_code == 404
