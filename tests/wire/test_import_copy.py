"""On PostgreSQL new stories are written with COPY, their search vectors with them
(articles/bulk_copy.py): the same stories as saved one at a time, ids that later
saves never reuse, and nothing left over between batches of one transaction."""

import pytest
from django.db import connection
from taggit.models import Tag

from articles.models import Story
from articles.search import story_search_vector
from tests.importing import import_stories, ninjs_file, snapshot
from wire import batch
from wire.models import ImportRecord

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's")


@pytest.fixture
def wire(tmp_path):
    folder = tmp_path / "wire"
    folder.mkdir()
    return folder


def test_copied_stories_are_the_stories_saved_one_at_a_time_with_their_search_vectors(
    client, world, wire, monkeypatch
):
    monkeypatch.setattr(batch, "MAX_ITEMS", 2)  # three batches in the run's one transaction
    for number in range(5):
        ninjs_file(wire, number, f"Lighthouse keeper number {number} retires")
    assert import_stories(wire, "--publish").ok
    copied = snapshot()
    vectors = dict(Story.objects.values_list("headline", "search_vector"))

    Story.objects.all().delete()
    ImportRecord.objects.all().delete()
    assert import_stories(wire, "--publish", "--strict").ok  # one story at a time
    assert snapshot() == copied
    assert Story.objects.count() == 5  # no batch copied another's rows again
    assert vectors == dict(Story.objects.values_list("headline", "search_vector"))
    assert all(vectors.values())

    Story.objects.update(search_vector=story_search_vector())
    assert vectors == dict(Story.objects.values_list("headline", "search_vector"))


def test_copied_stories_take_their_ids_from_the_table_sequence(client, world, wire, make_story):
    before = make_story("Written before the import")
    for number in range(3):
        ninjs_file(wire, number)
    assert import_stories(wire, "--publish").ok
    after = make_story("Written after the import")  # an INSERT takes the next id: no clash
    imported = list(Story.objects.exclude(pk__in=[before.pk, after.pk]).order_by("pk"))
    assert before.pk < imported[0].pk < imported[-1].pk < after.pk
    assert [story.headline for story in imported] == [f"Harbour council story {n}" for n in range(3)]
    for story in imported:
        assert client.get(story.get_absolute_url()).status_code == 200
    assert client.get("/search/", {"q": "storm news"}).content.decode().count("Harbour council story") == 3
    assert all(story.tags.count() == 2 for story in imported)
    assert Tag.objects.filter(name="Ferries").count() == 1
