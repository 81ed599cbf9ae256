"""Feeds that validate: every RSS 2.0 item and Atom entry has what the two
specifications require, for stories with and without bylines (wire copy),
with and without a picture, and live stories, whose updates the feeds carry."""

from email.utils import parsedate_to_datetime

import feedparser
import pytest
from django.urls import reverse
from lxml import etree

from articles.models.live import add_update
from tests.live import add, live_story

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"


@pytest.fixture
def stories(make_story, picture):
    with_byline = make_story("Council passes the budget", authors=["Ana Lopez"], hours_ago=5)
    wire_copy = make_story("Markets close higher", credit_line="From the wires", hours_ago=4)
    pictured = make_story("Harbour at dawn", authors=["Ana Lopez"], lead_image=picture, hours_ago=3)
    live = live_story(make_story, headline="Storm live")
    add(live, "Winds reach the harbour.", minutes_ago=30, headline="Winds arrive")
    add(live, "Ferries are cancelled.", minutes_ago=2)
    return {"byline": with_byline, "wire": wire_copy, "picture": pictured, "live": live}


def xml(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response, etree.fromstring(response.content)


def test_every_atom_entry_has_what_rfc_4287_requires(client, stories):
    response, root = xml(client, "frontend:feed_atom")

    # The feed: id, title, updated, a self link, and an author the entries may inherit.
    for name in ("id", "title", "updated"):
        assert root.findtext(f"{ATOM}{name}").strip(), name
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "The Newsroom Daily"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 4
    for entry in entries:
        title = entry.findtext(f"{ATOM}title")
        for name in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{name}").strip(), (title, name)
        # RFC 4287 4.1.2: an entry without its own author needs the feed's; each has one here.
        assert entry.findtext(f"{ATOM}author/{ATOM}name").strip(), title
        alternates = [
            link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"
        ]
        assert len(alternates) == 1 and alternates[0].get("href").startswith("https://"), title
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0
    assert all(entry.author for entry in parsed.entries)


def test_wire_copy_without_a_byline_is_credited_to_the_publication(client, stories):
    _, root = xml(client, "frontend:feed_atom")
    entry = next(e for e in root.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == "Markets close higher")
    bylined = next(
        e for e in root.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == "Council passes the budget"
    )

    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "The Newsroom Daily"
    assert bylined.findtext(f"{ATOM}author/{ATOM}name") == "Ana Lopez"


def test_every_rss_item_has_what_rss_2_requires(client, stories):
    response, root = xml(client, "frontend:feed_rss")

    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for name in ("title", "link", "description"):
        assert channel.findtext(name).strip(), name
    items = channel.findall("item")
    assert len(items) == 4
    for item in items:
        assert (item.findtext("title") or item.findtext("description")).strip()
        assert item.findtext("guid").strip()
        assert item.findtext("link").startswith("https://")
        # RFC 822 dates, with a zone.
        assert parsedate_to_datetime(item.findtext("pubDate")).tzinfo is not None
    assert feedparser.parse(response.content).bozo == 0


def test_a_pictured_story_carries_its_picture_as_an_enclosure(client, stories):
    _, root = xml(client, "frontend:feed_rss")
    item = next(i for i in root.iter("item") if i.findtext("title") == "Harbour at dawn")

    enclosure = item.find("enclosure")
    assert enclosure.get("url").startswith("https://") and int(enclosure.get("length")) > 0
    assert enclosure.get("type") == "image/jpeg"


@pytest.mark.parametrize("name", ["frontend:feed_rss", "frontend:feed_atom"])
def test_a_live_story_entry_carries_its_latest_updates(client, stories, name):
    parsed = feedparser.parse(client.get(reverse(name)).content)
    entry = next(e for e in parsed.entries if e.title == "Storm live")
    content = entry.content[0].value

    assert content.index("Ferries are cancelled.") < content.index("Winds reach the harbour.")
    assert "Winds arrive" in content


def test_the_live_entry_is_updated_when_its_newest_update_is(client, stories):
    live = stories["live"]
    newest = add_update(live, body="The storm moves inland.")

    _, root = xml(client, "frontend:feed_atom")
    entry = next(e for e in root.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == "Storm live")
    parsed = feedparser.parse(etree.tostring(root))

    updated = next(e for e in parsed.entries if e.title == "Storm live").updated_parsed
    assert updated[:5] == newest.published_at.utctimetuple()[:5]
    assert "The storm moves inland." in entry.findtext(f"{ATOM}content")
    # The feed is as new as its newest entry.
    assert parsed.feed.updated_parsed[:5] == newest.published_at.utctimetuple()[:5]


def test_a_removed_update_leaves_the_feed(client, stories):
    update = stories["live"].live_updates.get(headline="Winds arrive")
    update.withdraw(note="Wrong town.")

    assert b"Winds reach the harbour." not in client.get(reverse("frontend:feed_rss")).content
