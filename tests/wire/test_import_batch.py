"""New stories of a run are saved in batches (wire/batch.py) with every
promise of saving them one at a time: atomic items, unique slugs, search, fresh pages."""

import pytest
from django.db import connection
from django.utils import timezone
from taggit.models import Tag

from articles.models import Author, Outlet, Section, Story, StorySlugHistory
from articles.search import story_search_vector
from tests.importing import import_stories, ninjs_file, snapshot
from wire.models import ImportRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def wire(tmp_path):
    folder = tmp_path / "wire"
    folder.mkdir()
    return folder


def test_batched_stories_are_saved_exactly_as_one_at_a_time(world, wire):
    for number in range(12):
        ninjs_file(wire, number)
    assert import_stories(wire, "--publish").ok
    batched = snapshot()
    assert len(batched) == 12
    assert all("<script>" not in row[3] and row[4] > 0 for row in batched.values())

    Story.objects.all().delete()
    ImportRecord.objects.all().delete()
    # --strict saves each item on its own with Story.save(), as before batching.
    assert import_stories(wire, "--publish", "--strict").ok
    assert snapshot() == batched


def test_a_bad_item_among_good_ones_saves_nothing_of_itself(world, wire, settings):
    for number in range(6):
        ninjs_file(wire, number)
    reserved = [{"name": "Desk", "rel": "section", "literal": "desk"},
                {"name": "Admin", "rel": "section", "literal": "admin"}]  # fmt: skip
    bad = ninjs_file(wire, 6, "Doomed story", by="Carla Doomed", subjects=reserved)
    too_big = ninjs_file(wire, 7, "Too long", by="Tom Toolong", bodies=[{"value": "<p>word</p>" * 2000}])
    settings.NEWSROOM_IMPORT_MAX_ITEM_BYTES = 5_000

    run = import_stories(wire, "--publish")

    assert not run.ok
    assert run.error_lines[0].startswith(f"error: {bad}: slug:")
    assert run.error_lines[1].startswith(f"error: {too_big}: the story body is")
    assert len(run.error_lines) == 2
    assert "8 found: 6 created, 0 updated, 0 unchanged, 0 skipped, 0 withdrawn, 2 failed." in run.out
    assert Story.objects.count() == ImportRecord.objects.count() == 6
    assert not Section.objects.filter(slug__in=["desk", "admin"]).exists()
    assert not Author.objects.filter(name__in=["Carla Doomed", "Tom Toolong"]).exists()
    assert all(story.bylines.count() == 2 and story.tags.count() == 2 for story in Story.objects.all())

    # The good ones are not imported twice when the run is repeated.
    again = import_stories(wire, "--publish")
    assert "8 found: 0 created, 0 updated, 6 unchanged, 0 skipped, 0 withdrawn, 2 failed." in again.out


def test_slugs_stay_unique_within_a_batch_and_against_existing_stories(client, make_story, wire):
    existing = make_story("Storm hits the harbour")
    renamed = make_story("Old name")
    renamed.slug = "ferry-strike-ends"
    renamed.save()
    renamed.slug = "ferry-strike-called-off"
    renamed.save()  # "ferry-strike-ends" is now an old slug, redirecting to this story
    for number in range(3):
        ninjs_file(wire, number, "Storm hits the harbour")
    ninjs_file(wire, 3, "Ferry strike ends")
    ninjs_file(wire, 4, "Ferry strike ends")

    assert import_stories(wire, "--publish").ok

    imported = Story.objects.exclude(pk__in=[existing.pk, renamed.pk]).order_by("pk")
    assert [story.slug for story in imported] == [
        "storm-hits-the-harbour-2", "storm-hits-the-harbour-3", "storm-hits-the-harbour-4",
        "ferry-strike-ends-2", "ferry-strike-ends-3",
    ]  # fmt: skip
    for story in imported:
        assert story.headline in client.get(story.get_absolute_url()).content.decode()
    assert StorySlugHistory.objects.get(old_slug="ferry-strike-ends").story == renamed


def test_a_batch_import_shows_on_cached_pages_at_once(
    client, make_story, wire, django_capture_on_commit_callbacks
):
    make_story("Already on the front page")
    assert "Already on the front page" in client.get("/").content.decode()
    ninjs_file(wire, 1, "Breaking from the wire")
    with django_capture_on_commit_callbacks(execute=True):  # the page cache learns of the change on commit
        assert import_stories(wire, "--publish").ok
    assert "Breaking from the wire" in client.get("/").content.decode()


def test_a_batch_of_new_stories_takes_a_fixed_number_of_queries(world, wire, django_assert_max_num_queries):
    for number in range(12):
        ninjs_file(wire, number)
    assert import_stories(wire, "--publish").ok  # the authors, tags and outlets now exist
    outlets = Outlet.objects.count()
    for number in range(12, 72):
        ninjs_file(wire, number)
    # One at a time, that was about ten queries a story: here, each author, tag and
    # outlet is looked up once, and each table written once (21 on SQLite; on PostgreSQL
    # 26, the stories' ids, staging table and vectors). The fingerprints the desk's changes
    # are told from are worked out from the rows written, with no read back.
    with django_assert_max_num_queries(26):
        run = import_stories(wire, "--publish")
    assert "72 found: 60 created, 0 updated, 12 unchanged" in run.out
    assert Outlet.objects.count() == outlets
    assert all(story.sources.count() == 2 for story in Story.objects.all())  # AP, and Reuters in the body
    assert Tag.objects.count() == 5  # topic 0 to 3, and Ferries


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search needs PostgreSQL")
def test_batched_stories_are_searchable_on_postgresql(client, world, wire):
    for number in range(5):
        ninjs_file(wire, number, f"Lighthouse keeper number {number} retires")
    assert import_stories(wire, "--publish", "--status", "published").ok
    vectors = dict(Story.objects.values_list("pk", "search_vector"))
    Story.objects.update(search_vector=story_search_vector())  # what Story.save() would store
    assert vectors == dict(Story.objects.values_list("pk", "search_vector"))
    assert all(vectors.values())
    response = client.get("/search/", {"q": "lighthouse retires"})
    assert response.content.decode().count("keeper number") == 5
    assert Story.objects.published(timezone.now()).count() == 5
