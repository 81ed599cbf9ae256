"""The "More on this" list on article pages (promoting one in the admin: tests/desk)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import workflow
from articles.models import RelatedLink, Section, Story
from frontend.related import RELATED_SECONDS
from tests.helpers import page, texts

MORE_ON_THIS = "//section[h2='More on this']//li/a"
RELATED_NEWS = "//section[h2='Related News']//li/a"


@pytest.fixture
def sport(db):
    return Section.objects.create(name="Sport", slug="sport")


def more_on_this(client, story):
    return texts(page(client.get(story.get_absolute_url())), MORE_ON_THIS)


def test_it_suggests_stories_sharing_topics_first(client, make_story, sport):
    story = make_story("Ministers discuss tariffs", tags=["Trade", "EU"])
    make_story("Same section, nothing shared")
    make_story("Two shared topics", section=sport, tags=["Trade", "EU"])
    make_story("One shared topic", section=sport, tags=["Trade"])
    make_story("Unrelated sport story", section=sport)

    assert more_on_this(client, story) == [
        "Two shared topics",
        "One shared topic",
        "Same section, nothing shared",
    ]


def test_it_never_suggests_the_story_itself_or_a_hand_picked_link(client, make_story):
    story = make_story("Ministers discuss tariffs", tags=["Trade"])
    picked = make_story("Picked by the editor", tags=["Trade"])
    make_story("Suggested automatically", tags=["Trade"])
    RelatedLink.objects.create(story=story, target=picked)

    tree = page(client.get(story.get_absolute_url()))

    assert texts(tree, RELATED_NEWS) == ["Picked by the editor"]
    assert texts(tree, MORE_ON_THIS) == ["Suggested automatically"]


def test_it_never_suggests_a_story_readers_cannot_see(client, make_story):
    story = make_story("Ministers discuss tariffs", tags=["Trade"])
    make_story("Draft on trade", tags=["Trade"], status=Story.Status.DRAFT)
    make_story("In review on trade", tags=["Trade"], status=Story.Status.IN_REVIEW)
    make_story("Unpublished on trade", tags=["Trade"], status=Story.Status.UNPUBLISHED)
    make_story("Scheduled on trade", tags=["Trade"], publish_at=timezone.now() + timedelta(hours=1))
    make_story("Embargoed on trade", tags=["Trade"], embargo_until=timezone.now() + timedelta(hours=1))
    make_story("Public on trade", tags=["Trade"])

    assert more_on_this(client, story) == ["Public on trade"]


def test_a_story_with_nothing_related_shows_no_list(client, make_story, sport):
    story = make_story("Lonely story", section=sport)

    tree = page(client.get(story.get_absolute_url()))

    assert tree.xpath("//h2[.='More on this']") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="text similarity needs PostgreSQL")
def test_on_postgres_similar_headlines_count(client, make_story, sport):
    story = make_story("Volcano eruption forces evacuations", section=sport)
    make_story("Rugby final tonight", section=sport, hours_ago=1)
    make_story("Evacuations continue after the volcano eruption", section=sport, hours_ago=5)

    assert more_on_this(client, story)[0] == "Evacuations continue after the volcano eruption"


def count_queries(client, url):
    cache.clear()  # count what rendering costs, not a page-cache hit
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_article_page_costs_the_same_queries_however_much_is_related(client, make_story, sport):
    plain = make_story("Plain story", section=sport, tags=["Z"])
    make_story("The one related story", section=sport, tags=["Z"])
    rich = make_story("Rich story", tags=["A", "B", "C"], authors=["Ana Lopez", "Ben Ode"])
    for n in range(6):
        other = make_story(f"Related {n}", tags=["A", "B"], authors=["Ana Lopez"])
        if n < 2:
            RelatedLink.objects.create(story=rich, target=other, position=n)
    client.get(plain.get_absolute_url())  # warm per-process caches (content types)

    # story, bylines, tags, corrections, sources, related links, navigation, the
    # breaking-news banner, the next scheduled release (page-cache expiry), scoring
    # "More on this" and fetching the stories it picked.
    assert count_queries(client, rich.get_absolute_url()) == count_queries(client, plain.get_absolute_url())
    assert count_queries(client, rich.get_absolute_url()) <= 11


def test_more_on_this_is_kept_but_shows_only_public_stories(
    client, make_story, sport, editor, django_capture_on_commit_callbacks
):
    story = make_story("Volcano erupts", section=sport, tags=["Volcano"])
    other = make_story("Volcano ash cloud spreads", section=sport, tags=["Volcano"])
    assert more_on_this(client, story) == ["Volcano ash cloud spreads"]
    # Hidden at once, though the scored ids are still kept: visibility is decided when shown.
    with django_capture_on_commit_callbacks(execute=True):
        Story.objects.filter(pk=other.pk).update(embargo_until=timezone.now() + timedelta(hours=1))
    assert more_on_this(client, story) == []
    # A story going live through the workflow is scored into the lists afresh: on a cached
    # article page, once the page has lived RELATED_SECONDS.
    newer = make_story("Volcano flights resume", section=sport, tags=["Volcano"], status=Story.Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(newer, editor)
    with time_machine.travel(timezone.now() + timedelta(seconds=RELATED_SECONDS + 1)):
        assert more_on_this(client, story) == ["Volcano flights resume"]


def test_an_edit_of_a_suggested_story_shows_at_once(
    client, make_story, sport, django_capture_on_commit_callbacks
):
    story = make_story("Volcano erupts", section=sport, tags=["Volcano"])
    other = make_story("Volcano ash cloud spreads", section=sport, tags=["Volcano"])
    assert more_on_this(client, story) == ["Volcano ash cloud spreads"]
    with django_capture_on_commit_callbacks(execute=True):
        other.headline = "Volcano ash cloud reaches the coast"
        other.save()
    assert more_on_this(client, story) == ["Volcano ash cloud reaches the coast"]
