"""What every page tells search engines and social sites: canonical address,
description, Open Graph and Twitter cards, and JSON-LD on article pages."""

import json
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Author, Correction, Story
from tests.helpers import page


def head(tree, xpath):
    return tree.xpath(f"//head/{xpath}")


def meta(tree, key):
    values = tree.xpath(f"//head/meta[@property='{key}' or @name='{key}']/@content")
    assert len(values) == 1, (key, values)
    return values[0]


def json_ld(tree):
    scripts = tree.xpath("//script[@type='application/ld+json']")
    assert len(scripts) == 1
    return json.loads(scripts[0].text)


@pytest.fixture
def story(make_story, europe):
    Author.objects.create(name="Reuters", slug="reuters", is_agency=True)
    return make_story(
        "Ministers meet in Brussels",
        section=europe,
        dek="Talks on trade and energy.",
        authors=["Ana Lopez", "Reuters"],
        tags=["Trade", "Energy"],
        story_type=Story.StoryType.ANALYSIS,
    )


def test_every_page_type_has_canonical_description_and_social_cards(client, story, settings):
    urls = [
        "/",
        story.get_absolute_url(),
        reverse("frontend:section", kwargs={"section": "europe"}),
        reverse("frontend:tag", kwargs={"slug": "trade"}),
        reverse("frontend:author", kwargs={"slug": "ana-lopez"}),
        reverse("frontend:search") + "?q=ministers",
        reverse("frontend:archive"),
        reverse("frontend:archive_year", kwargs={"year": timezone.localtime(story.publish_at).year}),
    ]
    for url in urls:
        tree = page(client.get(url))
        canonical = head(tree, "link[@rel='canonical']/@href")
        assert canonical == [settings.NEWSROOM_SITE_URL + url.split("?")[0]], url
        assert meta(tree, "description"), url
        assert meta(tree, "og:title") and meta(tree, "og:description"), url
        assert meta(tree, "og:url") == canonical[0], url
        assert meta(tree, "og:image").startswith(settings.NEWSROOM_SITE_URL), url
        assert meta(tree, "twitter:card") == "summary", url


def test_the_article_page_describes_the_story_to_social_sites(client, story):
    tree = page(client.get(story.get_absolute_url()))

    assert meta(tree, "og:type") == "article"
    assert meta(tree, "og:title") == "Ministers meet in Brussels"
    assert meta(tree, "og:description") == "Talks on trade and energy."
    assert meta(tree, "description") == "Talks on trade and energy."
    assert meta(tree, "article:section") == "Europe"
    assert sorted(head(tree, "meta[@property='article:tag']/@content")) == ["Energy", "Trade"]


def test_a_later_page_of_a_list_is_its_own_canonical_page(client, make_story, settings):
    settings.NEWSROOM_STORIES_PER_PAGE = 1
    make_story("One", tags=["harbour"])
    make_story("Two", tags=["harbour"])

    tree = page(client.get("/tag/harbour/?page=2"))

    assert head(tree, "link[@rel='canonical']/@href") == [f"{settings.NEWSROOM_SITE_URL}/tag/harbour/?page=2"]


def test_syndicated_copy_points_its_canonical_at_the_original(client, make_story):
    story = make_story("Copied report", canonical_url="https://example.org/original")

    tree = page(client.get(story.get_absolute_url()))

    assert head(tree, "link[@rel='canonical']/@href") == ["https://example.org/original"]


def test_the_json_ld_describes_the_story(client, story, settings):
    site = settings.NEWSROOM_SITE_URL
    data = json_ld(page(client.get(story.get_absolute_url())))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "AnalysisNewsArticle"
    assert data["headline"] == "Ministers meet in Brussels"
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": site + story.get_absolute_url()}
    assert data["articleSection"] == "Europe"
    assert sorted(data["keywords"]) == ["Energy", "Trade"]
    assert data["author"] == [
        {"@type": "Person", "name": "Ana Lopez", "url": f"{site}/author/ana-lopez/"},
        {"@type": "Organization", "name": "Reuters", "url": f"{site}/author/reuters/"},
    ]
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == settings.NEWSROOM_SITE_NAME
    assert data["publisher"]["logo"]["url"] == f"{site}/static/img/logo.png"


def test_the_json_ld_dates_carry_a_timezone(client, story, settings):
    settings.TIME_ZONE = "Europe/Paris"
    story.updated_at = story.publish_at + timedelta(minutes=30)
    story.save()

    data = json_ld(page(client.get(story.get_absolute_url())))

    published = timezone.localtime(story.publish_at, timezone.get_fixed_timezone(60))
    assert data["datePublished"] == published.isoformat(timespec="seconds")
    assert data["dateModified"] == (published + timedelta(minutes=30)).isoformat(timespec="seconds")
    assert data["datePublished"].endswith("+01:00")


def test_the_publisher_logo_is_served(client, story, settings):
    data = json_ld(page(client.get(story.get_absolute_url())))
    path = data["publisher"]["logo"]["url"].removeprefix(settings.NEWSROOM_SITE_URL)

    response = client.get(path)

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("story_type", "schema_type"),
    [
        (Story.StoryType.NEWS, "NewsArticle"),
        (Story.StoryType.OPINION, "OpinionNewsArticle"),
        (Story.StoryType.EXPLAINER, "BackgroundNewsArticle"),
        (Story.StoryType.REVIEW, "ReviewNewsArticle"),
        (Story.StoryType.FEATURE, "ReportageNewsArticle"),
    ],
)
def test_the_json_ld_type_follows_the_story_type(client, make_story, story_type, schema_type):
    story = make_story(f"A {story_type} story", story_type=story_type)

    assert json_ld(page(client.get(story.get_absolute_url())))["@type"] == schema_type


def test_the_json_ld_lists_corrections(client, story):
    correction = Correction.objects.create(story=story, note="An earlier version misnamed the minister.")

    data = json_ld(page(client.get(story.get_absolute_url())))

    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "An earlier version misnamed the minister.",
            "datePublished": data["correction"][0]["datePublished"],
        }
    ]
    # A moment with its zone's offset, the same instant as the correction's.
    published = datetime.fromisoformat(data["correction"][0]["datePublished"])
    assert published.utcoffset() is not None
    assert published == correction.published_at.replace(microsecond=0)


def test_no_headline_can_break_out_of_the_json_ld_script(client, make_story):
    story = make_story("Breaking </script><script>alert('x')</script> <!-- news")

    response = client.get(story.get_absolute_url())
    content = response.content.decode()
    script = content.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]

    assert "<" not in script and ">" not in script
    assert "alert" in script
    assert json.loads(script)["headline"] == "Breaking </script><script>alert('x')</script> <!-- news"
    assert "<script>alert" not in content
