"""The "More on this" list on article pages (promoting one in the admin: tests/desk)."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import workflow
from articles.models import RelatedLink, Section, Story, Suggestion
from articles.tasks import score_suggestions_task
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
    for story in (plain, rich, plain):  # scores and keeps the lists, warms per-process caches
        count_queries(client, story.get_absolute_url())

    # story, bylines, tags, corrections, sources, related links, navigation, the
    # breaking-news banner, the next scheduled release (page-cache expiry) and the kept
    # "More on this" with its stories.
    assert count_queries(client, rich.get_absolute_url()) == count_queries(client, plain.get_absolute_url())
    assert count_queries(client, rich.get_absolute_url()) <= 10


def test_more_on_this_is_scored_once_and_kept_until_content_changes(
    client, make_story, sport, django_capture_on_commit_callbacks
):
    story = make_story("Volcano erupts", section=sport, tags=["Volcano"])
    make_story("Volcano ash cloud spreads", section=sport, tags=["Volcano"])
    assert more_on_this(client, story) == ["Volcano ash cloud spreads"]
    kept = Suggestion.objects.filter(story=story)
    assert list(kept.values_list("suggested__headline", flat=True)) == ["Volcano ash cloud spreads"]

    # Rows written without a save (a bulk insert) change no kept list...
    [newer] = Story.objects.create_many(
        [Story(headline="Volcano flights resume", section=sport, status=Story.Status.PUBLISHED,
               publish_at=timezone.now() - timedelta(minutes=5))]
    )  # fmt: skip
    newer.tags.add("Volcano")  # ...but a change of the new story's topics is one of its own
    cache.clear()
    assert more_on_this(client, story) == ["Volcano ash cloud spreads"]
    # Its first view scores its list, and the stories on it are scored again: it belongs on
    # theirs (their cached pages are forgotten).
    with django_capture_on_commit_callbacks(execute=True):
        assert more_on_this(client, newer) == ["Volcano ash cloud spreads", "Volcano erupts"]
    assert more_on_this(client, story) == ["Volcano flights resume", "Volcano ash cloud spreads"]


def test_editing_a_story_scores_its_list_again(client, make_story, sport):
    story = make_story("Volcano erupts", section=sport, tags=["Volcano"])
    make_story("Volcano ash cloud spreads", section=sport, tags=["Volcano"])
    make_story("Harbour reopens", tags=["Harbour"])
    assert more_on_this(client, story) == ["Volcano ash cloud spreads"]
    story.headline, story.section = "Ferries return", Section.objects.get(slug="world")
    story.save()
    story.tags.set(["Harbour"])
    assert more_on_this(client, story) == ["Harbour reopens"]


def test_more_on_this_is_kept_but_shows_only_public_stories(
    client, make_story, sport, editor, django_capture_on_commit_callbacks
):
    story = make_story("Volcano erupts", section=sport, tags=["Volcano"])
    other = make_story("Volcano ash cloud spreads", section=sport, tags=["Volcano"])
    scheduled = make_story("Volcano: the week ahead", section=sport, tags=["Volcano"], hours_ago=-1)
    assert more_on_this(client, story) == ["Volcano ash cloud spreads"]
    # The kept list holds the scheduled story: it shows on its minute, with no rescoring.
    assert Suggestion.objects.filter(story=story, suggested=scheduled).exists()
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        assert more_on_this(client, story) == ["Volcano: the week ahead", "Volcano ash cloud spreads"]
        # Withdrawn: hidden at once, whatever the kept list says.
        with django_capture_on_commit_callbacks(execute=True):
            workflow.unpublish(other, editor)
        assert more_on_this(client, story) == ["Volcano: the week ahead"]


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


def test_with_a_celery_broker_a_story_going_live_is_scored_by_a_worker(
    client, make_story, sport, editor, django_capture_on_commit_callbacks, monkeypatch
):
    story = make_story("Volcano erupts", section=sport, tags=["Volcano"])
    assert more_on_this(client, story) == []
    newer = make_story("Volcano flights resume", section=sport, tags=["Volcano"], status=Story.Status.DRAFT)
    queued = []
    monkeypatch.setitem(score_suggestions_task.app.conf, "task_always_eager", False)
    monkeypatch.setattr(score_suggestions_task, "delay", queued.append)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(newer, editor)
    assert queued == [[newer.pk]]  # one task per transaction, after the commit

    with django_capture_on_commit_callbacks(execute=True):
        score_suggestions_task(queued[0])  # what the worker runs
    # Before anyone viewed the new story, it is on the pages of the stories it picked.
    assert more_on_this(client, story) == ["Volcano flights resume"]


def test_score_suggestions_keeps_the_lists_of_public_stories_that_have_none(make_story, sport):
    first = make_story("Volcano erupts", section=sport, tags=["Volcano"])
    second = make_story("Volcano ash cloud spreads", section=sport, tags=["Volcano"])
    draft = make_story("Volcano draft", section=sport, tags=["Volcano"], status=Story.Status.DRAFT)
    out = StringIO()

    call_command("score_suggestions", stdout=out)

    assert out.getvalue().strip() == "Scored 2 stories."
    kept = Suggestion.objects.values_list("story", "suggested")
    assert set(kept) == {(first.pk, second.pk), (second.pk, first.pk)}
    assert not Suggestion.objects.filter(story=draft).exists()
    call_command("score_suggestions", stdout=out)
    assert out.getvalue().strip().endswith("Scored 0 stories.")
