"""Pictures where readers and machines look: the article page, cards, share tags,
structured data, feeds and the news sitemap."""

import io
import json
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree
from lxml import html as lxml_html
from PIL import Image as PILImage

from tests.helpers import page, texts
from tests.pictures import add_picture

pytestmark = pytest.mark.django_db
MEDIA_RSS = "http://search.yahoo.com/mrss/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
ATOM = "http://www.w3.org/2005/Atom"


@pytest.fixture
def pictured(make_story, picture):
    """A public story with a lead image (its caption overridden) and one figure in the body."""
    figure = add_picture("ferry.png", size=(1000, 1000), caption="The night ferry.", credit="Tom Lee")
    return make_story(
        "Harbour reopens after storm",
        lead_image=picture,
        lead_image_caption="Boats wait at the harbour wall on Monday.",
        body=f'<p>Opening.</p><figure data-image="{figure.pk}"><figcaption>The ferry, back in service.'
        f"</figcaption></figure><p>Closing.</p>",
    )


def pictures_of(tree):
    return tree.xpath("//picture")


def test_the_lead_image_shows_first_with_caption_credit_and_high_priority(client, pictured, picture):
    tree = page(client.get(pictured.get_absolute_url()))
    lead = tree.xpath("//figure[@class='story__lead']")[0]
    img = lead.xpath(".//img")[0]
    assert img.get("alt") == "Fishing boats tied up at the harbour wall"
    assert (img.get("width"), img.get("height")) == ("1440", "900")
    assert img.get("fetchpriority") == "high" and img.get("loading") is None
    assert img.get("sizes") == "(min-width: 48rem) 46rem, 100vw"
    assert [w.split()[-1] for w in img.get("srcset").split(", ")] == ["480w", "960w", "1440w"]
    sources = lead.xpath(".//source")
    assert [s.get("type") for s in sources] == ["image/avif", "image/webp"]
    assert all(s.get("sizes") == img.get("sizes") for s in sources)
    assert ".avif" in sources[0].get("srcset") and ".webp" in sources[1].get("srcset")
    assert texts(lead, ".//figcaption") == [
        "Boats wait at the harbour wall on Monday. Ana Lima / Harbour Press"
    ]
    assert lead.xpath(".//rect/@fill") == [picture.dominant_colour]


def test_a_figure_in_the_body_loads_lazily_with_its_own_caption(client, pictured):
    tree = page(client.get(pictured.get_absolute_url()))
    figure = tree.xpath("//div[@class='story__body']/figure")[0]
    img = figure.xpath(".//img")[0]
    assert img.get("loading") == "lazy" and img.get("decoding") == "async"
    assert (img.get("width"), img.get("height"), img.get("alt")) == (
        "1000", "1000", "Fishing boats tied up at the harbour wall"
    )  # fmt: skip
    assert texts(figure, "./figcaption") == ["The ferry, back in service. Tom Lee"]
    assert texts(tree, "//div[@class='story__body']/p") == ["Opening.", "Closing."]


def test_a_figure_whose_picture_left_the_library_is_left_out(client, pictured):
    from media.models import Image

    Image.objects.filter(title="ferry").delete()
    tree = page(client.get(pictured.get_absolute_url()))
    assert tree.xpath("//div[@class='story__body']/figure") == []
    assert "The ferry, back in service." not in texts(tree, "//main")[0]


def test_share_tags_name_the_lead_image_with_its_size_and_alt(client, pictured):
    tree = page(client.get(pictured.get_absolute_url()))

    def meta(key):
        return tree.xpath(f"//meta[@property='{key}' or @name='{key}']/@content")

    [og_image] = meta("og:image")
    assert urlsplit(og_image).path.endswith("/16x9-1200.jpg")
    assert og_image.startswith("https://news.example.org/")  # NEWSROOM_SITE_URL, tests/conftest.py
    assert (meta("og:image:width"), meta("og:image:height")) == (["1200"], ["675"])
    assert meta("og:image:alt") == ["Fishing boats tied up at the harbour wall"]
    assert meta("twitter:card") == ["summary_large_image"] and meta("twitter:image") == [og_image]


def test_a_story_without_a_picture_shares_the_site_logo(client, make_story):
    tree = page(client.get(make_story("No picture").get_absolute_url()))
    assert tree.xpath("//meta[@property='og:image']/@content")[0].endswith("img/logo.png")
    assert tree.xpath("//picture") == []


def test_structured_data_lists_the_lead_image_in_three_ratios(client, pictured):
    tree = page(client.get(pictured.get_absolute_url()))
    data = json.loads(tree.xpath("//script[@type='application/ld+json']/text()")[0])
    images = data["image"]
    assert [(i["@type"], i["width"], i["height"]) for i in images] == [
        ("ImageObject", 1200, 675), ("ImageObject", 1200, 900), ("ImageObject", 1000, 1000),
    ]  # fmt: skip
    assert [urlsplit(i["url"]).path.rsplit("/", 1)[-1] for i in images] == [
        "16x9-1200.jpg", "4x3-1200.jpg", "1x1-1200.jpg",
    ]  # fmt: skip
    assert images[0]["creditText"] == "Ana Lima / Harbour Press"
    assert images[0]["caption"] == "Boats wait at the harbour wall on Monday."


def test_cards_show_thumbnails_with_their_size(client, pictured, make_story):
    make_story("Older story without a picture", hours_ago=3)
    tree = page(client.get("/"))
    lead_card = tree.xpath("//article[contains(@class, 'front-card--lead')]")[0]
    img = lead_card.xpath(".//img")[0]
    assert img.get("fetchpriority") == "high" and (img.get("width"), img.get("height")) == ("1440", "960")
    # Five newer stories take the section's front (a lead and four); the list below it has the picture.
    for n in range(5):
        make_story(f"Newer story {n}", hours_ago=n / 10)
    section = page(client.get(pictured.section.get_absolute_url()))
    thumbs = section.xpath("//ul[@class='story-list']//article[contains(@class, 'card--pictured')]//img")
    assert [(t.get("width"), t.get("height"), t.get("loading")) for t in thumbs] == [("640", "427", "lazy")]
    assert len(section.xpath("//ul[@class='story-list']/li")) == 2


def test_feeds_carry_the_picture_as_media_content_and_enclosure(client, pictured, settings):
    from pathlib import Path

    rss = etree.fromstring(client.get("/feeds/rss/").content)
    [item] = rss.xpath("//item")
    content = item.find(f"{{{MEDIA_RSS}}}content")
    assert content.get("type") == "image/jpeg" and content.get("medium") == "image"
    assert (content.get("width"), content.get("height")) == ("1200", "675")
    assert content.findtext(f"{{{MEDIA_RSS}}}credit") == "Ana Lima / Harbour Press"
    assert content.findtext(f"{{{MEDIA_RSS}}}description") == "Boats wait at the harbour wall on Monday."
    enclosure = item.find("enclosure")
    assert enclosure.get("url") == content.get("url") and enclosure.get("type") == "image/jpeg"
    stored = Path(settings.MEDIA_ROOT) / urlsplit(enclosure.get("url")).path.removeprefix(settings.MEDIA_URL)
    assert int(enclosure.get("length")) == stored.stat().st_size == int(content.get("fileSize"))
    atom = etree.fromstring(client.get("/feeds/atom/").content)
    [link] = atom.xpath("//*[local-name()='link'][@rel='enclosure']")
    assert link.get("href") == enclosure.get("url") and link.get("length") == enclosure.get("length")


def feed_bodies(client):
    """The HTML body of the first RSS item and of the first Atom entry, parsed."""
    rss = etree.fromstring(client.get("/feeds/rss/").content)
    atom = etree.fromstring(client.get("/feeds/atom/").content)
    return [
        lxml_html.fragment_fromstring(text, create_parent="div")
        for text in (
            rss.findtext(f"channel/item/{{{CONTENT}}}encoded"),
            atom.findtext(f"{{{ATOM}}}entry/{{{ATOM}}}content"),
        )
    ]


def test_feed_bodies_show_figures_as_plain_pictures_with_caption_and_credit(client, pictured):
    for body in feed_bodies(client):
        [figure] = body.xpath("//figure")
        assert body.xpath("//picture | //source | //img[@srcset]") == []
        [img] = figure.xpath("./img")
        assert img.get("alt") == "Fishing boats tied up at the harbour wall"
        assert (img.get("width"), img.get("height")) == ("960", "960")
        assert texts(figure, "./figcaption") == ["The ferry, back in service. Tom Lee"]
        address = urlsplit(img.get("src"))
        assert address.scheme in ("http", "https") and address.netloc  # absolute: readers fetch it elsewhere
        stored = client.get(client.get(address.path)["Location"])
        decoded = PILImage.open(io.BytesIO(b"".join(stored.streaming_content)))
        assert (decoded.format, decoded.size) == ("JPEG", (960, 960))
        assert texts(body, "//p") == ["Opening.", "Closing."]


def test_the_news_sitemap_names_the_lead_image(client, pictured, make_story):
    make_story("Without a picture")
    tree = etree.fromstring(client.get("/sitemap-news.xml").content)
    ns = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "i": "http://www.google.com/schemas/sitemap-image/1.1",
    }
    locations = tree.xpath("//s:url[i:image]/i:image/i:loc/text()", namespaces=ns)
    assert len(locations) == 1 and locations[0].endswith("/16x9-1200.jpg")
    assert len(tree.xpath("//s:url", namespaces=ns)) == 2


@pytest.mark.parametrize("figures", [0, 1, 10])
def test_the_article_page_costs_the_same_with_0_1_or_10_figures(client, make_story, settings, figures):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    lead = add_picture("lead.jpg", size=(800, 500))
    pictures = [add_picture(f"figure-{n}.jpg", size=(600, 400)) for n in range(figures)]
    body = "<p>Text.</p>" + "".join(f'<figure data-image="{p.pk}"></figure>' for p in pictures)
    story = make_story("Pictured", lead_image=lead, body=body)
    client.get(story.get_absolute_url())  # "More on this" is scored on the first render
    cache.clear()  # the story's parts (frontend/article_parts.py), the navigation and the banner
    with CaptureQueriesContext(connection) as queries:
        tree = page(client.get(story.get_absolute_url()))
    assert len(pictures_of(tree)) == figures + 1
    # The story, its bylines, tags, corrections, sources, related links, ALL its pictures (lead
    # and figures, one query), "More on this" as kept, the navigation's sections and the
    # banner: 10, with 0, 1 or 10 figures alike.
    tables = [q["sql"].split(" FROM ")[1].split()[0].strip('"') for q in queries]
    assert tables.count("media_image") == 1
    assert len(queries) == 10, tables
    # Its parts kept: the story and "More on this", every picture still there.
    with CaptureQueriesContext(connection) as queries:
        tree = page(client.get(story.get_absolute_url()))
    assert len(pictures_of(tree)) == figures + 1
    assert len(queries) == 2


def test_a_new_caption_shows_at_once_on_cached_pages(
    client, pictured, picture, settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 60
    pictured.lead_image_caption = ""
    with django_capture_on_commit_callbacks(execute=True):
        pictured.save()
    assert "Boats at the harbour before dawn." in client.get(pictured.get_absolute_url()).content.decode()
    picture.caption = "Boats back at the harbour wall."
    with django_capture_on_commit_callbacks(execute=True):  # the page cache hears of it after commit
        picture.save()
    page_now = client.get(pictured.get_absolute_url()).content.decode()
    assert "Boats back at the harbour wall." in page_now and "before dawn" not in page_now
