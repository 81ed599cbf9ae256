"""RSS 2.0 and Atom feeds: valid, complete on every item, public stories only, discoverable."""

from datetime import timedelta

import feedparser
import pytest
from defusedxml import ElementTree
from django.urls import reverse
from django.utils import timezone

from articles.models import Story
from tests.helpers import page

CONTENT_NS = "{http://purl.org/rss/1.0/modules/content/}"
ATOM_NS = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def stories(make_story, europe):
    first = make_story(
        "Ministers meet in Brussels",
        section=europe,
        dek="Talks on trade & energy.",
        body="<p>The <strong>full</strong> report.</p>",
        authors=["Ana Lopez", "Reuters"],
        tags=["Trade"],
        hours_ago=2,
    )
    second = make_story("Storm hits the coast", authors=["Ana Lopez"], tags=["Weather"], hours_ago=1)
    make_story("Draft about Brussels", section=europe, status=Story.Status.DRAFT, tags=["Trade"])
    make_story("Future story", publish_at=timezone.now() + timedelta(hours=3), authors=["Ana Lopez"])
    return first, second


FEEDS = [
    ("frontend:feed_rss", {}),
    ("frontend:feed_atom", {}),
    ("frontend:section_feed_rss", {"slug": "europe"}),
    ("frontend:section_feed_atom", {"slug": "europe"}),
    ("frontend:section_feed_rss", {"slug": "world"}),
    ("frontend:tag_feed_rss", {"slug": "trade"}),
    ("frontend:tag_feed_atom", {"slug": "trade"}),
    ("frontend:author_feed_rss", {"slug": "ana-lopez"}),
    ("frontend:author_feed_atom", {"slug": "ana-lopez"}),
]


def fetch(client, name, kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200, name
    return response


@pytest.mark.parametrize(("name", "kwargs"), FEEDS)
def test_every_feed_parses_cleanly_with_complete_items(client, stories, name, kwargs):
    response = fetch(client, name, kwargs)
    parsed = feedparser.parse(response.content)
    atom = name.endswith("atom")

    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == ("atom10" if atom else "rss20")
    assert parsed.feed.title and parsed.feed.link
    assert parsed.entries
    for entry in parsed.entries:
        assert entry.title
        assert entry.link.startswith("http")
        assert entry.id
        assert entry.published_parsed
        if atom:  # RSS 2.0 has no "updated" date for items
            assert entry.updated_parsed
        assert entry.summary
        assert entry.content[0].value


@pytest.mark.parametrize(("name", "kwargs"), FEEDS)
def test_no_feed_lists_a_story_readers_cannot_see(client, stories, name, kwargs):
    content = fetch(client, name, kwargs).content.decode()

    assert "Draft about Brussels" not in content
    assert "Future story" not in content


def test_the_site_feed_lists_the_newest_story_first(client, stories):
    parsed = feedparser.parse(fetch(client, "frontend:feed_rss", {}).content)

    assert [entry.title for entry in parsed.entries] == ["Storm hits the coast", "Ministers meet in Brussels"]


def test_narrow_feeds_list_only_their_own_stories(client, stories):
    by_tag = feedparser.parse(fetch(client, "frontend:tag_feed_rss", {"slug": "trade"}).content)
    by_section = feedparser.parse(fetch(client, "frontend:section_feed_atom", {"slug": "europe"}).content)

    assert [entry.title for entry in by_tag.entries] == ["Ministers meet in Brussels"]
    assert [entry.title for entry in by_section.entries] == ["Ministers meet in Brussels"]


def test_the_rss_item_carries_summary_full_content_and_a_stable_guid(client, stories):
    first, _ = stories
    root = ElementTree.fromstring(fetch(client, "frontend:feed_rss", {}).content)
    item = next(i for i in root.iter("item") if i.findtext("title") == first.headline)

    # Readers take an RSS description as HTML, so the standfirst's text arrives escaped.
    assert item.findtext("description") == "Talks on trade &amp; energy."
    assert item.findtext(f"{CONTENT_NS}encoded") == "<p>The <strong>full</strong> report.</p>"
    assert item.find("guid").get("isPermaLink") == "false"
    assert item.findtext("guid").endswith(f":story/{first.pk}")
    assert item.findtext("link").endswith(first.get_absolute_url())
    assert item.findtext("pubDate")
    assert {c.text for c in item.iter("category")} == {"Europe", "Trade"}


def test_the_atom_entry_carries_summary_and_html_content(client, stories):
    first, _ = stories
    root = ElementTree.fromstring(fetch(client, "frontend:feed_atom", {}).content)
    entry = next(e for e in root.iter(f"{ATOM_NS}entry") if e.findtext(f"{ATOM_NS}title") == first.headline)

    assert entry.find(f"{ATOM_NS}summary").get("type") == "html"
    assert entry.findtext(f"{ATOM_NS}summary") == "Talks on trade &amp; energy."
    content = entry.find(f"{ATOM_NS}content")
    assert content.get("type") == "html"
    assert content.text == "<p>The <strong>full</strong> report.</p>"
    assert entry.findtext(f"{ATOM_NS}id").endswith(f":story/{first.pk}")
    assert entry.findtext(f"{ATOM_NS}updated")
    assert entry.findtext(f"{ATOM_NS}author/{ATOM_NS}name") == "Ana Lopez, Reuters"


def test_a_topic_known_only_from_drafts_has_no_feed(client, make_story):
    make_story("Secret plans", status=Story.Status.DRAFT, tags=["Hidden topic"])

    assert client.get(reverse("frontend:tag_feed_rss", kwargs={"slug": "hidden-topic"})).status_code == 404


def test_an_unknown_section_has_no_feed(client, stories):
    assert client.get(reverse("frontend:section_feed_rss", kwargs={"slug": "nowhere"})).status_code == 404


def alternates(client, url):
    tree = page(client.get(url))
    return {(link.get("type"), link.get("href")) for link in tree.xpath("//head/link[@rel='alternate']")}


def test_every_page_names_the_site_feeds(client, stories):
    first, _ = stories
    for url in ["/", first.get_absolute_url(), reverse("frontend:search") + "?q=storm"]:
        links = alternates(client, url)
        assert ("application/rss+xml", reverse("frontend:feed_rss")) in links, url
        assert ("application/atom+xml", reverse("frontend:feed_atom")) in links, url


@pytest.mark.parametrize(
    ("page_name", "kind", "slug"),
    [
        ("frontend:section", "section", "europe"),
        ("frontend:tag", "tag", "trade"),
        ("frontend:author", "author", "ana-lopez"),
    ],
)
def test_section_topic_and_author_pages_name_their_own_feeds(client, stories, page_name, kind, slug):
    url_kwarg = "section" if kind == "section" else "slug"
    links = alternates(client, reverse(page_name, kwargs={url_kwarg: slug}))

    assert ("application/rss+xml", reverse(f"frontend:{kind}_feed_rss", kwargs={"slug": slug})) in links
    assert ("application/atom+xml", reverse(f"frontend:{kind}_feed_atom", kwargs={"slug": slug})) in links
