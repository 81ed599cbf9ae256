"""import_stories on the project's own plain-text files (tests/files/text).

reference-style-story.txt has the structure of the plain-text reference format
(headline line, lede, curly quotes, outlets credited in the text, subheads
ending in ":", a trailing "Related News" block), with a story of our own.
"""

import pytest

from tests.helpers import page, texts
from tests.project_files import author_names, blocks, imported, related, source_names

pytestmark = pytest.mark.django_db

REFERENCE = "text/reference-style-story.txt"
HEADLINE = "Coastal Towns Agree Shared Plan to Protect Dunes From Winter Storms"


@pytest.fixture
def reference(world, client):
    story = imported(REFERENCE, "--publish", "--section", "world")
    return story, page(client.get(story.get_absolute_url()))


def test_the_first_line_is_the_headline_and_the_only_h1(reference):
    story, tree = reference
    assert story.headline == HEADLINE
    assert texts(tree, "//h1") == [HEADLINE]
    assert HEADLINE not in story.body


def test_paragraphs_and_subheads_in_order_with_curly_quotes(reference):
    story, tree = reference
    assert [tag for tag, _ in blocks(story)] == ["p", "p", "p", "p", "h2", "p", "p", "h2", "p", "p"]
    assert texts(tree, "//div[@class='story__body']/h2") == ["Money and timing", "Harbour wall concerns"]
    body = texts(tree, "//div[@class='story__body']/p")
    assert body[0] == (
        "Four coastal towns on the Northmoor shore agreed on Wednesday to pool money for a shared dune "
        "protection scheme, The Washington Post reports."
    )
    assert body[2].startswith("“We lose a metre of dune in a bad winter, and we have had three bad winters")
    assert body[3].endswith(
        "reached the “back gardens” of the first row of houses in January, and some asked "
        "whether the scheme would come in time."
    )
    assert body[-1] == "“Grass will not stop a spring tide,” one skipper said."


def test_outlets_the_text_credits_are_listed_as_sources(reference):
    story, tree = reference
    assert source_names(story) == ["The Washington Post", "BBC News"]  # in order of first mention
    assert texts(tree, "//section[@class='story__sources']//li") == ["The Washington Post", "BBC News"]


def test_the_related_news_block_becomes_links_not_body_text(reference):
    story, tree = reference
    assert "Related News" not in story.body and "car park" not in story.body
    assert related(story) == [
        ("Saltby votes to close its beach car park", "https://news.newsroom-tests.example/saltby-car-park"),
        ("Gullhaven residents meet insurers", ""),
    ]
    items = tree.xpath("//section[@class='story__related']//li")
    assert [" ".join(li.text_content().split()) for li in items] == [
        "Saltby votes to close its beach car park",
        "Gullhaven residents meet insurers",
    ]
    assert items[0].xpath("a/@href") == ["https://news.newsroom-tests.example/saltby-car-park"]
    assert items[1].xpath("a") == []


def test_byline_line_under_the_headline_and_a_bulleted_list(world):
    story = imported("text/byline-and-list.txt")
    assert story.headline == "Brisk market gets a Sunday opening"
    assert author_names(story) == ["Hester Quayle", "Anwen Doherty"]
    assert "By Hester Quayle" not in story.body
    assert blocks(story) == [
        (
            "p",
            "The covered market in Brisk will open on Sundays from next month, the traders' "
            "association said.",
        ),
        ("p", "Stalls taking part in the first Sunday include:"),  # introduces the list: no subhead
        ("ul", ["a cheesemonger from the Vell valley", "two bakers", "a bicycle repair stand"]),
        ("p", "The market will be open from 10am to 3pm."),
    ]
    assert story.body.count("<li>") == 3
