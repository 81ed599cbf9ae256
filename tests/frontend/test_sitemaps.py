"""Sitemaps, the Google News sitemap and robots.txt, checked against the official XSDs."""

from datetime import timedelta
from functools import cache
from urllib.parse import urlsplit

import pytest
import xmlschema
from defusedxml import ElementTree
from django.urls import reverse
from django.utils import timezone

from articles.models import Author, Section, Story
from frontend.sitemaps import StorySitemap
from tests.live import add, live_story
from tests.samples import XSD_DIR, require_xsd

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
IMAGE_NS = "http://www.google.com/schemas/sitemap-image/1.1"
NS = {"sm": SITEMAP_NS, "news": NEWS_NS}


@cache
def schema(main):
    """``main`` (sitemap.xsd or siteindex.xsd) with the extensions its strict wildcards need.

    Both main schemas share one namespace, and a schema imports a namespace only
    once, so each gets its own wrapper. Every location is a local file: no network.
    """
    imports = [(SITEMAP_NS, main), (NEWS_NS, "sitemap-news.xsd"), (IMAGE_NS, "sitemap-image.xsd")]
    wrapper = "".join(
        f'<xs:import namespace="{namespace}" schemaLocation="{(XSD_DIR / name).as_uri()}"/>'
        for namespace, name in imports
    )
    return xmlschema.XMLSchema(
        f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{wrapper}</xs:schema>'
    )


def assert_valid(content, main="sitemap.xsd"):
    require_xsd()
    errors = [str(error) for error in schema(main).iter_errors(content.decode())]
    assert not errors, errors[0]


@pytest.fixture
def newsroom(make_story, europe):
    Section.objects.create(name="Sport", slug="sport")
    fresh = make_story("Fresh news from Europe", section=europe, tags=["Trade"], authors=["Ana Lopez"])
    opinion = make_story("Our view on trade", story_type=Story.StoryType.OPINION, hours_ago=5)
    old = make_story("Old news", hours_ago=72, tags=["History"], authors=["Reuters"])
    make_story("Unseen draft", status=Story.Status.DRAFT, tags=["Secret tag"], authors=["Hidden Writer"])
    make_story("Unseen future", publish_at=timezone.now() + timedelta(hours=5))
    return fresh, opinion, old


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def locations(content, path="sm:url/sm:loc"):
    return [loc.text for loc in ElementTree.fromstring(content).findall(path, NS)]


def sitemap_urls(client):
    index = get(client, reverse("frontend:sitemap_index")).content
    return locations(index, "sm:sitemap/sm:loc")


def test_the_index_is_valid_and_names_every_sitemap(client, newsroom):
    response = get(client, reverse("frontend:sitemap_index"))

    assert_valid(response.content, "siteindex.xsd")
    names = [url.rsplit("/", 1)[1] for url in locations(response.content, "sm:sitemap/sm:loc")]
    assert names == [
        "sitemap-sections.xml",
        "sitemap-tags.xml",
        "sitemap-authors.xml",
        "sitemap-stories.xml",
        "sitemap-news.xml",
    ]


def test_every_sitemap_in_the_index_is_valid(client, newsroom, settings):
    origin = settings.NEWSROOM_SITE_URL
    for url in sitemap_urls(client):
        assert url.startswith(origin)
        response = get(client, url.removeprefix(origin))
        assert_valid(response.content)
        assert all(loc.startswith(origin) for loc in locations(response.content))


def test_the_sitemaps_list_public_pages_only(client, newsroom, settings):
    fresh, opinion, old = newsroom
    origin = settings.NEWSROOM_SITE_URL

    def listed(name):
        response = get(client, reverse("frontend:sitemap", kwargs={"section": name}))
        return {loc.removeprefix(origin) for loc in locations(response.content)}

    assert listed("stories") == {s.get_absolute_url() for s in (fresh, opinion, old)}
    assert listed("tags") == {reverse("frontend:tag", kwargs={"slug": s}) for s in ("trade", "history")}
    assert listed("authors") == {a.get_absolute_url() for a in Author.objects.exclude(slug="hidden-writer")}
    assert listed("sections") == {s.get_absolute_url() for s in Section.objects.all()}


def test_the_news_sitemap_is_valid_and_holds_the_last_48_hours(client, newsroom, settings):
    fresh, opinion, _old = newsroom
    response = get(client, reverse("frontend:news_sitemap"))

    assert_valid(response.content)
    root = ElementTree.fromstring(response.content)
    entries = {
        url.findtext("sm:loc", namespaces=NS).removeprefix(settings.NEWSROOM_SITE_URL): url
        for url in root.findall("sm:url", NS)
    }
    assert set(entries) == {fresh.get_absolute_url(), opinion.get_absolute_url()}
    news = entries[fresh.get_absolute_url()].find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == settings.NEWSROOM_SITE_NAME
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:title", namespaces=NS) == "Fresh news from Europe"
    assert news.findtext("news:publication_date", namespaces=NS).startswith(
        f"{timezone.localtime(fresh.publish_at):%Y-%m-%dT}"
    )
    genres = entries[opinion.get_absolute_url()].findtext("news:news/news:genres", namespaces=NS)
    assert genres == "Opinion"


def test_a_story_leaves_the_news_sitemap_after_48_hours(client, make_story):
    make_story("Two days less an hour old", hours_ago=47)
    make_story("Two days and an hour old", hours_ago=49)

    response = get(client, reverse("frontend:news_sitemap"))

    assert_valid(response.content)
    assert b"Two days less an hour old" in response.content
    assert b"Two days and an hour old" not in response.content


def test_an_empty_sitemap_is_left_out_rather_than_served_invalid(client, make_story):
    make_story("Old and untagged", hours_ago=72)

    names = [url.rsplit("/", 1)[1] for url in sitemap_urls(client)]

    assert names == ["sitemap-sections.xml", "sitemap-stories.xml"]
    assert client.get(reverse("frontend:news_sitemap")).status_code == 404
    assert client.get(reverse("frontend:sitemap", kwargs={"section": "tags"})).status_code == 404


def test_robots_txt_names_the_sitemaps(client, settings):
    response = get(client, "/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {settings.NEWSROOM_SITE_URL}/sitemap.xml" in lines
    assert f"Sitemap: {settings.NEWSROOM_SITE_URL}/sitemap-news.xml" in lines
    assert "Disallow: /admin/" in lines


def test_addresses_follow_the_request_when_no_site_url_is_set(client, newsroom, settings):
    settings.NEWSROOM_SITE_URL = ""

    index = get(client, reverse("frontend:sitemap_index")).content
    stories = get(client, reverse("frontend:sitemap", kwargs={"section": "stories"})).content

    assert all(url.startswith("http://testserver/") for url in locations(index, "sm:sitemap/sm:loc"))
    assert all(url.startswith("http://testserver/") for url in locations(stories))


def test_a_long_sitemap_is_split_into_pages_named_in_the_index(client, make_story, monkeypatch, settings):
    monkeypatch.setattr(StorySitemap, "limit", 2)
    for n in range(5):
        make_story(f"Story {n}", hours_ago=n + 1)

    urls = [url.removeprefix(settings.NEWSROOM_SITE_URL) for url in sitemap_urls(client)]
    pages = [url for url in urls if url.startswith("/sitemap-stories.xml")]

    assert pages == ["/sitemap-stories.xml", "/sitemap-stories.xml?p=2", "/sitemap-stories.xml?p=3"]
    listed = []
    for url in pages:
        response = get(client, url)
        assert_valid(response.content)
        listed += locations(response.content)
    assert len(set(listed)) == 5


def test_a_live_storys_lastmod_follows_its_newest_update(client, make_story):
    # Begun yesterday; its last update ten minutes ago.
    story = live_story(make_story, publish_at=timezone.now() - timedelta(hours=30))
    Story.objects.filter(pk=story.pk).update(updated_at=story.publish_at)
    newest = add(story, "Ferries are cancelled until morning.", minutes_ago=10)
    make_story("A quiet day at the council", hours_ago=2)

    # The sitemap gives the day; the news sitemap the moment.
    for url, length in [
        (reverse("frontend:sitemap", kwargs={"section": "stories"}), 10),
        (reverse("frontend:news_sitemap"), 19),
    ]:
        response = get(client, url)
        assert_valid(response.content)
        tree = ElementTree.fromstring(response.content)
        lastmods = {
            urlsplit(entry.findtext("sm:loc", None, NS)).path: entry.findtext("sm:lastmod", None, NS)
            for entry in tree.findall("sm:url", NS)
        }
        newest_moment = timezone.localtime(newest.published_at).isoformat()
        assert lastmods[story.get_absolute_url()][:length] == newest_moment[:length]
