"""No text a writer or a wire service supplies becomes live markup at any public door.

The matrix: 10 payloads (tests/hostile_text.py: a script tag, an event handler on
an image, an attribute breakout into <svg onload>, a quote breakout into
onmouseover, a javascript: URL, a data: URL, a </script> breakout, template
syntax with {% debug %}, entity-encoded markup, RTL override and zero-width
characters), each written into every text field of its own story and the
records around it (headline, standfirst, body, SEO title and description,
tag, author name and bio, section name and description, outlet name, aliases
and URL, source URL, related-link title, URL and outlet, correction, credit
line, canonical URL) and into the search box, × 26 public doors: home,
section, article (its HTML and its JSON-LD), tag, author, search, the four
archive levels, RSS and Atom of the site, the section, the tag and the author
(8 feeds, read as XML and with feedparser), the sitemap index and its five
sitemaps, and the ninjs export. That is 10 × 26 = 260 payload-door checks;
the admin's doors are tests/desk/test_admin_hostile_text.py and the import
door tests/wire/test_import_hostile_text.py.
"""

import json
from html import unescape
from urllib.parse import urlencode

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import etree
from lxml import html as lxml_html

from tests.hostile_text import (
    PAYLOADS,
    assert_no_live_markup,
    assert_xml_keeps_text,
    fetch_ok,
    hostile_newsroom,
    json_urls,
    same_text,
    unsafe_scheme,
)
from tests.importing import run_command

# Elements that feed readers render as HTML (RSS); Atom marks its own with type="html".
RSS_HTML = {"description", "encoded"}


@pytest.fixture
def newsroom(make_story, editor):
    return hostile_newsroom(make_story, editor)


# HTML pages


def html_doors(newsroom):
    """(name, url) of every public HTML page showing one of the payloads."""
    day = timezone.localtime(newsroom[0][1].publish_at)  # the archive's days are the newsroom's
    doors = [
        ("home", "/"),
        ("archive", reverse("frontend:archive")),
        ("archive year", reverse("frontend:archive_year", args=[day.year])),
        ("archive month", reverse("frontend:archive_month", args=[day.year, day.month])),
        ("archive day", reverse("frontend:archive_day", args=[day.year, day.month, day.day])),
    ]
    for payload, story in newsroom:
        doors += [
            (f"section {payload!r}", story.section.get_absolute_url()),
            (f"article {payload!r}", story.get_absolute_url()),
            (f"tag {payload!r}", reverse("frontend:tag", args=[story.tags.get().slug])),
            (f"author {payload!r}", story.ordered_authors()[0].get_absolute_url()),
        ]
    return doors


def test_no_payload_becomes_markup_on_any_public_page(client, newsroom):
    for name, url in html_doors(newsroom):
        assert_no_live_markup(fetch_ok(client, url), name)


def test_the_article_page_shows_each_payload_as_the_text_it_is(client, newsroom):
    for payload, story in newsroom:
        tree = lxml_html.fromstring(fetch_ok(client, story.get_absolute_url()))

        assert same_text(tree.xpath("string(//h1)")) == same_text(payload)
        assert same_text(tree.xpath("string(//*[@class='story__dek'])")) == same_text(payload)
        assert same_text(tree.xpath("string(//*[@class='story__credit'])")) == same_text(payload)
        assert same_text(payload) in same_text(tree.xpath("string(//*[@class='story__corrections'])"))
        assert tree.xpath("//link[@rel='canonical']/@href")[0].startswith("http")


def test_search_shows_the_query_and_the_results_as_text(client, newsroom):
    for payload, _story in newsroom:
        content = fetch_ok(client, reverse("frontend:search") + "?" + _query(q=payload))
        tree = assert_no_live_markup(content, f"search {payload!r}")

        assert same_text(payload[:200]) in same_text(tree.xpath("string(//h1)"))


def _query(**params):
    return urlencode(params)


def test_json_ld_keeps_every_payload_inside_its_script_as_text(client, newsroom):
    for payload, story in newsroom:
        tree = lxml_html.fromstring(fetch_ok(client, story.get_absolute_url()))
        (script,) = tree.xpath("//script[@type='application/ld+json']")
        data = json.loads(script.text)

        assert data["headline"] == payload
        assert [author["name"] for author in data["author"]] == [payload]
        assert data["keywords"] == [payload]
        assert [note["text"] for note in data["correction"]] == [payload]
        assert "isBasedOn" not in data  # the canonical URL was javascript:, data: or not a URL
        assert not [url for url in json_urls(data) if unsafe_scheme(url) or not url.startswith("http")]


# Feeds


def feed_doors(newsroom):
    doors = [("site RSS", reverse("frontend:feed_rss")), ("site Atom", reverse("frontend:feed_atom"))]
    for payload, story in newsroom:
        for kind, slug in [
            ("section", story.section.slug),
            ("tag", story.tags.get().slug),
            ("author", story.ordered_authors()[0].slug),
        ]:
            for flavour in ("rss", "atom"):
                url = reverse(f"frontend:{kind}_feed_{flavour}", args=[slug])
                doors.append((f"{kind} {flavour} {payload!r}", url))
    return doors


def test_no_payload_becomes_markup_in_any_feed(client, newsroom):
    for name, url in feed_doors(newsroom):
        checked = assert_xml_keeps_text(fetch_ok(client, url), name, html_elements=RSS_HTML)

        assert checked >= 2, f"{name}: no HTML field was checked"


def test_a_feed_reader_shows_standfirsts_and_feed_descriptions_as_text(client, newsroom):
    for flavour in ("rss", "atom"):
        feed = feedparser.parse(fetch_ok(client, reverse(f"frontend:feed_{flavour}")))
        assert not feed.bozo, feed.bozo_exception
        shown = [
            same_text(lxml_html.fragment_fromstring(entry.summary, create_parent="div").text_content())
            for entry in feed.entries
        ]

        assert {entry.summary_detail.type for entry in feed.entries} == {"text/html"}
        assert sorted(shown) == sorted(same_text(payload) for payload in PAYLOADS), flavour
    for payload, story in newsroom:
        url = reverse("frontend:section_feed_rss", args=[story.section.slug])
        feed = feedparser.parse(fetch_ok(client, url))
        shown = lxml_html.fragment_fromstring(feed.feed.subtitle, create_parent="div").text_content()

        assert same_text(shown) == same_text(payload)


# Sitemaps and the export


def test_no_payload_becomes_markup_in_the_sitemaps(client, newsroom):
    index = fetch_ok(client, reverse("frontend:sitemap_index"))
    assert_xml_keeps_text(index, "sitemap index", html_elements=set())
    names = ["sections", "tags", "authors", "stories"]
    for name in names:
        assert_xml_keeps_text(fetch_ok(client, f"/sitemap-{name}.xml"), name, html_elements=set())
    news = fetch_ok(client, reverse("frontend:news_sitemap"))
    assert_xml_keeps_text(news, "news sitemap", html_elements=set())
    assert {unescape(payload) for payload in PAYLOADS} >= {unescape(title) for title in _news_titles(news)}


def _news_titles(xml):
    ns = {"news": "http://www.google.com/schemas/sitemap-news/0.9"}
    return [title.text for title in etree.fromstring(xml).iterfind(".//news:title", ns)]


def test_the_ninjs_export_carries_text_as_text_and_only_web_links(newsroom, tmp_path):
    assert run_command("export_stories", tmp_path / "out.jsonl").ok
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    items = [json.loads(line) for line in lines if line.strip()]

    assert sorted(item["headlines"][0]["value"] for item in items) == sorted(PAYLOADS)
    for item in items:
        where = f"ninjs {item['headlines'][0]['value']!r}"
        assert item["descriptions"][0] == {"role": "summary", "contentType": "text/plain",
                                           "value": item["headlines"][0]["value"]}  # fmt: skip
        assert_no_live_markup(item["bodies"][0]["value"], where, fragment=True)
        assert not [url for url in json_urls(item) if unsafe_scheme(url)], where
