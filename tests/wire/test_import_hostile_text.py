"""The import door: hostile text arriving in a ninjs file stays text.

Each of the 10 payloads of tests/hostile_text.py arrives in one ninjs file, in
the headline, the summary (as text and as HTML), the byline, a section and a
topic, a credited outlet with the payload as its address, a related link with
the payload as its address and title, and the body. After ``import_stories
--publish`` the article page and the site's RSS and Atom feeds are read back:
10 payloads × 3 doors. Entity-encoded markup (``&lt;script&gt;``) is stored as
the text it spells and shown escaped, never as an element.
"""

import pytest
from django.urls import reverse
from lxml import html as lxml_html

from articles.models import Outlet, RelatedLink, Story
from tests.hostile_text import PAYLOADS, assert_no_live_markup, assert_xml_keeps_text
from tests.importing import import_stories, ninjs_file


def hostile_item(payload):
    return {
        "descriptions": [
            {"role": "summary", "contentType": "text/plain", "value": payload},
            {"role": "summary", "contentType": "text/html", "value": f"<p>{payload}</p>"},
        ],
        "by": payload,
        "bodies": [{"role": "main", "contentType": "text/html",
                    "value": f'<p>{payload}</p><p><a href="{payload}">{payload}</a></p>'}],
        "subjects": [{"name": payload, "rel": "section", "literal": "world"},
                     {"name": payload, "rel": "about"}],
        "infoSources": [{"name": payload, "uri": payload}],
        "associations": [{"name": "related-1", "rel": "seeAlso", "uri": payload, "type": "text",
                          "headlines": [{"value": payload}]}],
    }  # fmt: skip


@pytest.fixture
def imported(tmp_path, world):
    folder = tmp_path / "wire"
    folder.mkdir()
    for number, payload in enumerate(PAYLOADS):
        ninjs_file(folder, number, headline=f"{number} {payload}", **hostile_item(payload))
    run = import_stories(folder, "--format", "ninjs", "--publish")
    assert run.ok, run.err
    return list(Story.objects.published())


def test_every_hostile_file_imports_as_a_public_story(imported):
    assert len(imported) == len(PAYLOADS)
    # None of the payloads is a web address, so no imported link or outlet keeps one as its address.
    assert {link.url for link in RelatedLink.objects.all()} == {""}
    addresses = Outlet.objects.exclude(url="").values_list("url", flat=True)
    assert all(url.startswith("https://") for url in addresses)


def test_no_imported_payload_becomes_markup_on_the_article_page(client, imported):
    for story in imported:
        response = client.get(story.get_absolute_url())
        assert response.status_code == 200

        assert_no_live_markup(response.content, f"imported article {story.headline!r}")


def test_no_imported_payload_becomes_markup_in_the_feeds(client, imported):
    for name in ("frontend:feed_rss", "frontend:feed_atom"):
        response = client.get(reverse(name))

        assert assert_xml_keeps_text(response.content, name, html_elements={"description", "encoded"})


def test_entity_encoded_markup_is_stored_as_text_and_shown_escaped(client, imported):
    story = next(story for story in imported if "zx9" in story.headline)
    tree = lxml_html.fromstring(client.get(story.get_absolute_url()).content)

    assert story.dek.startswith("<script>alert('zx9')</script>")  # the text the entities spell
    assert tree.xpath("string(//*[@class='story__dek'])").startswith("<script>alert('zx9')</script>")
    assert not tree.xpath("//*[@class='story__dek']//*")  # text only, no element inside
