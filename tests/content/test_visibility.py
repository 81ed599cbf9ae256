"""No story that is not public reaches a reader, through any door."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.models import Story

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_stories(make_story):
    """One story in each state a reader must not see, each with a unique word."""
    future = timezone.now() + timedelta(hours=3)
    return [
        make_story("Zebradraft headline", status=Story.Status.DRAFT, tags=["zebradraft"],
                   authors=["Ann Hidden"]),
        make_story("Zebrareview headline", status=Story.Status.IN_REVIEW, tags=["zebrareview"],
                   authors=["Ann Hidden"]),
        make_story("Zebrawithdrawn headline", status=Story.Status.UNPUBLISHED, tags=["zebrawithdrawn"],
                   authors=["Ann Hidden"]),
        make_story("Zebrascheduled headline", publish_at=future, tags=["zebrascheduled"],
                   authors=["Ann Hidden"]),
        make_story("Zebraembargoed headline", embargo_until=future, tags=["zebraembargoed"],
                   authors=["Ann Hidden"]),
    ]  # fmt: skip


@pytest.fixture
def public_story(make_story):
    return make_story("Visible headline", tags=["zebradraft", "zebrascheduled"], authors=["Ann Hidden"])


def test_published_queryset_holds_only_public_stories(hidden_stories, public_story):
    assert list(Story.objects.published()) == [public_story]


def test_hidden_story_pages_answer_404(client, hidden_stories):
    for story in hidden_stories:
        assert client.get(story.get_absolute_url()).status_code == 404, story.headline


def test_hidden_stories_appear_in_no_listing(client, hidden_stories, public_story):
    # Each listing, and whether the public story belongs on it: searching "zebra" matches
    # only hidden headlines (the public story carries "zebra" words as tags, not in its text).
    listings = {
        "/": True,
        public_story.section.get_absolute_url(): True,
        "/author/ann-hidden/": True,
        "/tag/zebradraft/": True,
        "/tag/zebrascheduled/": True,
        "/search/?q=zebra": False,
        "/search/?q=headline": True,
    }
    for url, shows_public_story in listings.items():
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode().lower().replace("<mark>", "").replace("</mark>", "")
        assert ("visible headline" in content) is shows_public_story, url
        for story in hidden_stories:
            unique_word = story.headline.split()[0].lower()  # e.g. "zebradraft"
            # Tag names may show on the public story's tag list; headlines may not.
            assert f"{unique_word} headline" not in content, (url, story.headline)
            assert story.slug not in content, (url, story.slug)


@pytest.mark.parametrize("status", Story.Status.values)
@pytest.mark.parametrize("publish", ["none", "past", "future"])
@pytest.mark.parametrize("embargo", ["none", "past", "future"])
def test_is_public_agrees_with_the_published_queryset(make_story, status, publish, embargo):
    """``Story.is_public()`` (in memory) and ``published_q`` (in SQL) are one rule written twice."""
    now = timezone.now()
    moments = {"none": None, "past": now - timedelta(hours=1), "future": now + timedelta(hours=1)}
    story = make_story(status=status, publish_at=moments[publish], embargo_until=moments[embargo])
    story.refresh_from_db()  # saving a published story without a time gives it the time of saving
    later = timezone.now()
    in_sql = Story.objects.published(later).filter(pk=story.pk).exists()
    assert story.is_public(later) is in_sql
    assert in_sql is (status == "published" and publish != "future" and embargo != "future")


def test_old_slug_of_hidden_story_does_not_redirect(client, hidden_stories):
    draft = hidden_stories[0]
    old_url = draft.get_absolute_url()
    draft.slug = "renamed-draft"
    draft.save()
    assert client.get(old_url).status_code == 404


def test_scheduled_story_goes_live_on_time_without_any_job(client, make_story):
    publish_at = timezone.now() + timedelta(hours=2)
    story = make_story("Scheduled for later", publish_at=publish_at)
    url = story.get_absolute_url()

    with time_machine.travel(publish_at - timedelta(seconds=1)):
        assert client.get(url).status_code == 404
        assert "Scheduled for later" not in client.get("/").content.decode()
    with time_machine.travel(publish_at + timedelta(seconds=1)):
        assert client.get(url).status_code == 200
        assert "Scheduled for later" in client.get("/").content.decode()


def test_embargo_holds_a_published_story_until_it_lifts(client, make_story):
    lifts = timezone.now() + timedelta(hours=1)
    story = make_story("Embargoed report", embargo_until=lifts)
    with time_machine.travel(lifts - timedelta(minutes=1)):
        assert client.get(story.get_absolute_url()).status_code == 404
    with time_machine.travel(lifts + timedelta(minutes=1)):
        assert client.get(story.get_absolute_url()).status_code == 200


def test_related_link_to_hidden_story_is_not_shown(client, make_story, hidden_stories):
    story = make_story("Story with links")
    story.related_links.create(target=hidden_stories[0], position=0)
    story.related_links.create(title="An outside report", url="https://example.org/r", position=1)
    content = client.get(story.get_absolute_url()).content.decode()
    assert "An outside report" in content
    assert hidden_stories[0].headline not in content
    assert hidden_stories[0].slug not in content


def test_an_author_known_only_from_hidden_stories_has_no_public_page(client, hidden_stories):
    # "Ann Hidden" writes only stories readers cannot see (the fixture above).
    assert client.get("/author/ann-hidden/").status_code == 404
