"""Input files written for this project (tests/files), and reading what an import made of them.

Unlike ../shared/samples, these files live in the repository, so the importers'
mapping of every format is tested on a fresh clone too.
"""

from pathlib import Path

from lxml import html as lxml_html

from articles.models import Story
from tests.importing import import_stories

FILES = Path(__file__).resolve().parent / "files"


def imported(path, *args):
    """Import ``path`` (a file in tests/files, or a Path) and return the one story it made."""
    run = import_stories(FILES / path, *args)
    assert run.ok, run.err
    return Story.objects.get()


def _text(element):
    return " ".join(element.text_content().split())


def blocks(story):
    """(tag, text) for each top-level block of the story body, in order; a list's text is its items'."""
    wrapper = lxml_html.fragment_fromstring(story.body, create_parent="div")
    return [
        (el.tag, [_text(li) for li in el.iterchildren("li")] if el.tag in ("ul", "ol") else _text(el))
        for el in wrapper
    ]


def paragraphs(story):
    return [text for tag, text in blocks(story) if tag == "p"]


def author_names(story):
    return [author.name for author in story.ordered_authors()]


def source_names(story):
    return [source.outlet.name for source in story.sources.order_by("position")]


def related(story):
    return [(link.title, link.url) for link in story.related_links.order_by("position")]
