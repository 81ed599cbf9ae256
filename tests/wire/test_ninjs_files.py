"""import_stories on the project's own ninjs 1.x, 2.x and 3.x files (tests/files/ninjs)."""

from datetime import UTC, datetime

import pytest
import time_machine

from articles.models import Section, Story
from tests.helpers import page, texts
from tests.importing import import_stories
from tests.project_files import FILES, author_names, blocks, imported, paragraphs, source_names
from wire.models import ImportRecord

pytestmark = pytest.mark.django_db

FERRY = "ninjs/ninjs-1x-night-ferry.json"
FROST = "ninjs/ninjs-2x-orchard-frost.json"
CHESS = "ninjs/ninjs-3x-chess-prodigy.json"


def test_ninjs_1x_headline_dek_two_authors_in_order_and_body_html(world):
    story = imported(FERRY)
    assert story.headline == "Night ferry to Kelsby Island returns after eleven years"
    assert story.dek == "The harbour board will run a late crossing four nights a week from June."
    assert author_names(story) == ["Marta Oyelaran", "Tomasz Brennick"]  # "By ... and ..." byline
    assert len(paragraphs(story)) == 3
    assert paragraphs(story)[1].startswith("“We have waited a long time for this,” said Ruth Amadi")
    assert 'href="https://harbour.newsroom-tests.example/timetables"' in story.body
    assert story.story_type == Story.StoryType.FEATURE
    # "located" is where the story was filed, never a person
    assert "Kelsby, Northmoor" not in author_names(story)


def test_ninjs_1x_embargo_offset_without_colon_is_read_in_utc(world):
    story = imported(FERRY)
    assert story.embargo_until == datetime(2024, 4, 12, 3, 0, tzinfo=UTC)  # 05:00+0200
    assert story.updated_at == datetime(2024, 4, 11, 6, 15, tzinfo=UTC)
    assert story.publish_at == datetime(2024, 4, 10, 21, 40, tzinfo=UTC)  # firstcreated, a draft's
    assert story.status == Story.Status.DRAFT


def test_ninjs_1x_service_names_the_section_and_subjects_and_about_people_are_tags(world):
    travel = Section.objects.create(name="Travel", slug="travel")
    story = imported(FERRY)
    assert story.section == travel
    # "mentions" people are not tags; "about" ones are
    assert set(story.tags.names()) == {"island life", "maritime transport", "Ruth Amadi"}


def test_ninjs_1x_unknown_service_falls_back_to_the_default_section(world, settings):
    settings.NEWSROOM_DEFAULT_SECTION = "wire"
    story = imported(FERRY)
    assert story.section.slug == "wire"
    assert not Section.objects.filter(slug="travel").exists()  # a wire's desk is not made a section


def test_ninjs_1x_embargoed_story_stays_hidden_until_the_embargo_lifts(world, client):
    story = imported(FERRY, "--publish", "--section", "world")
    assert story.status == Story.Status.PUBLISHED
    with time_machine.travel(datetime(2024, 4, 12, 2, 59, tzinfo=UTC), tick=False):
        assert client.get(story.get_absolute_url()).status_code == 404
    with time_machine.travel(datetime(2024, 4, 12, 3, 1, tzinfo=UTC), tick=False):
        tree = page(client.get(story.get_absolute_url()))
    assert texts(tree, "//h1") == ["Night ferry to Kelsby Island returns after eleven years"]
    assert texts(tree, "//p[@class='story__byline']") == ["By Marta Oyelaran and Tomasz Brennick"]


def test_ninjs_2x_headlines_descriptions_and_the_html_body_of_several(world):
    story = imported(FROST)
    assert story.headline == "Late frost threatens cherry harvest in the Vell valley"  # role main
    # the summary description, not the first one listed
    assert story.dek == "Growers lit fires between the rows overnight as temperatures fell to minus four."
    assert author_names(story) == ["Signe Halvorsen"]
    assert [tag for tag, _ in blocks(story)] == ["p", "blockquote", "p"]
    assert "PLAIN BODY MARKER" not in story.body  # the text/plain body loses to the HTML one
    assert "<h1" not in story.body and "Late frost threatens" not in story.body  # the page's own h1
    assert "<img" not in story.body and "Fires glow between rows" not in story.body  # picture + caption
    assert "trackPageView" not in story.body
    assert 'href="https://coop.newsroom-tests.example/frost-report"' in story.body
    assert story.story_type == Story.StoryType.ANALYSIS
    assert set(story.tags.names()) == {"Anselm Kittredge", "fruit growing", "weather"}  # not "Vell valley"
    assert source_names(story) == ["Newsroom Test Wire"]  # copyrightholder
    assert story.updated_at == datetime(2024, 4, 23, 5, 5, tzinfo=UTC)  # 07:05+02:00


def test_ninjs_3x_camelcase_fields_by_subjects_and_an_nitf_body(world):
    story = imported(CHESS)
    assert story.headline == "Twelve-year-old wins the Eastmarch open chess title"
    assert story.dek == "Noor Elsabet beat three grandmasters on her way to the trophy."
    assert author_names(story) == ["Ines Calloway", "Rafe Dunmore"]
    assert set(story.tags.names()) == {"chess", "sport"}
    assert story.story_type == Story.StoryType.FEATURE  # genre Profile
    assert paragraphs(story) == [
        "Noor Elsabet, a twelve-year-old from Brisk, won the Eastmarch open on Saturday after a "
        "final-round draw with the top seed.",
        "She finished on seven and a half points from nine games, half a point ahead of a field that "
        "included three grandmasters.",
        "“I just tried to play one move at a time,” she said, holding a trophy nearly as tall as she is.",
    ]
    for leaked in ("<nitf", "tobject", "<?xml", "Twelve-year-old wins"):  # no head, no repeated hl1
        assert leaked not in story.body
    assert story.publish_at == datetime(2024, 3, 16, 17, 0, tzinfo=UTC)  # firstCreated 18:00+01:00
    assert story.updated_at == datetime(2024, 3, 16, 18, 45, 30, tzinfo=UTC)
    record = ImportRecord.objects.get()
    assert (record.guid, record.version, record.format) == (
        "https://wire.newsroom-tests.example/text/2024/chess-prodigy", "7", "ninjs",
    )  # fmt: skip


def test_the_same_ninjs_file_twice_is_unchanged_the_second_time(world):
    imported(CHESS)
    run = import_stories(FILES / CHESS)
    assert run.ok, run.err
    assert "1 found: 0 created, 0 updated, 1 unchanged, 0 skipped, 0 withdrawn, 0 failed." in run.out
    assert Story.objects.count() == 1
