"""import_stories on RSS 2.0 and Atom feed files."""

from datetime import UTC, datetime

import pytest

from articles.models import Section, Story
from tests.importing import import_stories
from tests.samples import SAMPLES, needs_samples

pytestmark = [pytest.mark.django_db, needs_samples]
FEEDS = SAMPLES / "feeds"
FIRST_GUARDIAN = "Trump State of the Union address promised unity but emphasized discord"


def test_guardian_rss_items_become_stories_with_categories_authors_and_original_link(world):
    us = Section.objects.create(name="US news", slug="us-news")
    run = import_stories(FEEDS / "guardian-us.rss")
    assert run.ok, run.err
    assert Story.objects.count() == 55
    story = Story.objects.get(headline=FIRST_GUARDIAN)
    assert story.section == us  # the first category that is one of our sections
    assert {"Donald Trump", "US politics", "Republicans"} <= set(story.tags.names())
    assert [a.name for a in story.ordered_authors()] == ["David Smith"]  # "in Washington" is not the name
    assert story.canonical_url == (
        "https://www.theguardian.com/us-news/2018/jan/31/donald-trump-state-of-the-union-address-unity-discord"
    )
    assert story.publish_at == datetime(2018, 1, 31, 7, 26, 5, tzinfo=UTC)
    assert next(s.outlet.name for s in story.sources.all()) == "The Guardian"
    assert "“new American moment”" in story.body


def test_reimporting_a_feed_changes_nothing(world):
    assert import_stories(FEEDS / "guardian-us.rss").ok
    run = import_stories(FEEDS / "guardian-us.rss")
    assert run.ok
    assert "55 found: 0 created, 0 updated, 55 unchanged" in run.out


def test_atom_entries_keep_their_text_and_the_feed_author_is_credited(world):
    assert import_stories(FEEDS / "heise-developer.atom").ok
    assert Story.objects.count() == 15
    story = Story.objects.get(headline="Java-Anwendungsserver: Red Hat gibt WildFly 10 frei")
    assert "Die nun verfügbare Version 10 des Enterprise-Java-Servers" in story.body
    assert "<img" not in story.body
    assert story.publish_at == datetime(2016, 2, 1, 16, 22, tzinfo=UTC)
    assert story.updated_at == datetime(2016, 2, 1, 16, 54, 50, tzinfo=UTC)
    assert [s.outlet.name for s in story.sources.all()] == ["heise online"]


def test_latin1_rss_with_two_enclosures_imports_its_item(world):
    run = import_stories(FEEDS / "dailymail-mediacontent.rss")
    assert run.ok, run.err
    story = Story.objects.get()
    assert story.headline.startswith("Could the infamous Black Dahlia case be about to be solved?")
    assert [s.outlet.name for s in story.sources.all()] == [
        "Mail Online"
    ]  # not the managing editor's address
    assert story.canonical_url.startswith("http://www.dailymail.co.uk/news/article-2272640/")


def test_feed_entry_without_title_fails_alone(world, tmp_path):
    feed = tmp_path / "feed.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://example.org/</link>'
        "<item><guid>a</guid><title>Good entry</title><description>Body one.</description></item>"
        "<item><guid>b</guid><description>No title here.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    run = import_stories(feed)
    assert not run.ok
    assert run.error_lines == [f"error: {feed} (entry 2): the entry has no title"]
    assert list(Story.objects.values_list("headline", flat=True)) == ["Good entry"]
