"""import_stories on the project's own RSS 2.0 and Atom 1.0 files (tests/files/feeds)."""

from datetime import UTC, datetime

import pytest

from articles.models import Section, Story
from tests.importing import import_stories
from tests.project_files import FILES, author_names, paragraphs, related, source_names

pytestmark = pytest.mark.django_db

RSS = FILES / "feeds" / "rss-kelsby-gazette.rss"
ATOM = FILES / "feeds" / "atom-river-watch.atom"
LIFEBOAT = "Lifeboat crew rescues two kayakers off Gull Point"
CAFE = "Gull Point café wins county award for its crab sandwiches"
CRICKET = "Island cricket club promoted after final-day win"


def test_every_rss_item_becomes_a_story(world):
    run = import_stories(RSS)
    assert run.ok, run.err
    assert "3 found: 3 created, 0 updated, 0 unchanged, 0 skipped, 0 withdrawn, 0 failed." in run.out
    assert set(Story.objects.values_list("headline", flat=True)) == {LIFEBOAT, CAFE, CRICKET}


def test_rss_item_with_content_encoded_keeps_description_as_dek_creator_link_and_date(world):
    assert import_stories(RSS).ok
    story = Story.objects.get(headline=LIFEBOAT)
    assert story.dek == "Both paddlers were treated for cold but are expected to recover."
    assert paragraphs(story) == [
        "The Kelsby lifeboat was launched at 6.40pm on Sunday after a walker saw two kayakers clinging to "
        "an upturned boat off Gull Point.",
        "Coxswain Brannagh Sollis said the pair had done “exactly the right thing” by staying with "
        "the kayak.",
    ]
    assert author_names(story) == ["Hollis Marchetti"]  # dc:creator
    assert (
        story.canonical_url == "https://gazette.newsroom-tests.example/news/2024/jul/08/lifeboat-gull-point"
    )
    assert story.publish_at == datetime(2024, 7, 8, 6, 15, tzinfo=UTC)  # 07:15 +0100
    assert set(story.tags.names()) == {"News", "Sea rescue"}
    assert source_names(story) == ["Kelsby Gazette"]  # the channel, not its managing editor's address


def test_media_content_pictures_do_not_reach_the_body(world):
    assert import_stories(RSS).ok
    for story in Story.objects.all():
        assert "<img" not in story.body and "lifeboat-460.jpg" not in story.body


def test_rss_escaped_html_description_and_two_creators(world):
    assert import_stories(RSS).ok
    story = Story.objects.get(headline=CAFE)
    assert story.body == (
        "<p>The Tidewater Café beat <strong>forty</strong> entries from across the county.</p>"
        "<p>Judges praised its brown bread.</p>"
    )
    assert story.dek == ""
    assert author_names(story) == ["Yusuf Brandreth", "Clio Asante"]


def test_rss_categories_pick_the_first_section_we_have(world):
    sport = Section.objects.create(name="Sport", slug="sport")
    assert import_stories(RSS).ok
    story = Story.objects.get(headline=CRICKET)
    assert story.section == sport
    assert set(story.tags.names()) == {"Sport", "Cricket"}
    assert Story.objects.get(headline=CAFE).section != sport


def test_reimporting_the_feed_changes_nothing(world):
    assert import_stories(RSS).ok
    run = import_stories(RSS)
    assert run.ok, run.err
    assert "3 found: 0 created, 0 updated, 3 unchanged, 0 skipped, 0 withdrawn, 0 failed." in run.out


def test_atom_entries_with_html_content_offsets_related_links_and_the_feed_author_as_source(world):
    run = import_stories(ATOM)
    assert run.ok, run.err
    assert Story.objects.count() == 2
    story = Story.objects.get(headline="Flood barrier at Fennick raised for the first time")
    assert story.body == (
        "<p>Engineers raised the Fennick flood barrier at dawn on Wednesday as the Lune rose 1.9 metres "
        "above its normal level.</p><p>The barrier, finished last autumn, kept water out of the "
        "<em>Lower Quay</em> streets that flooded twice in 2022.</p>"
    )
    assert story.dek == "The new barrier held back a surge 1.9 metres above normal."  # the summary
    assert story.publish_at == datetime(2024, 2, 14, 8, 30, tzinfo=UTC)  # 09:30+01:00
    assert story.updated_at == datetime(2024, 2, 14, 10, 20, tzinfo=UTC)  # 11:20+01:00
    assert author_names(story) == ["Greta Lindqvist-Moss"]  # the entry's own author
    assert source_names(story) == ["Lune River Watch"]  # the feed's author is its publisher
    assert story.canonical_url == "https://riverwatch.newsroom-tests.example/2024/02/fennick-barrier"
    assert related(story) == [
        ("Live river levels at Fennick", "https://riverwatch.newsroom-tests.example/levels/fennick")
    ]


def test_atom_entry_with_escaped_html_and_no_author_of_its_own(world):
    assert import_stories(ATOM).ok
    story = Story.objects.get(headline="Towpath reopens between Brisk and the weir")
    assert paragraphs(story) == [
        "The towpath has reopened after a landslip was cleared.",
        "Cyclists are asked to give way at the lock.",
    ]
    assert author_names(story) == []  # the feed author is the publisher, not a byline
    assert story.publish_at == datetime(2024, 2, 13, 16, 5, tzinfo=UTC)
