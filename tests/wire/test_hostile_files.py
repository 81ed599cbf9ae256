"""Hostile and awkward files written for this project (tests/files/hostile).

Refused files give one error line naming the file and why, and save nothing;
the others import with what is dangerous or broken removed and the text kept.
"""

import time

import pytest
from taggit.models import Tag

from articles.models import Author, Story
from tests.helpers import page, texts
from tests.importing import import_stories
from tests.project_files import FILES, author_names, blocks, imported, paragraphs
from wire.models import ImportRecord

pytestmark = pytest.mark.django_db

HOSTILE = FILES / "hostile"


def assert_nothing_saved():
    assert Story.objects.count() == 0
    assert ImportRecord.objects.count() == 0
    assert Author.objects.count() == 0
    assert Tag.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("xxe-nitf.xml", "the XML declares entities (<!ENTITY>), which are refused for safety "
                         "(entity expansion and external entities)"),
        ("billion-laughs-newsml.xml", "the XML declares entities (<!ENTITY>), which are refused for safety "
                                      "(entity expansion and external entities)"),
        ("empty.xml", "the file is empty"),
    ],
)  # fmt: skip
def test_refused_file_gives_one_clear_line_and_saves_nothing(world, name, reason):
    path = HOSTILE / name
    run = import_stories(path)
    assert not run.ok
    assert run.error_lines == [f"error: {path}: {reason}"]
    assert "0 created" in run.out and "1 failed." in run.out
    assert_nothing_saved()


def test_truncated_xml_is_refused_in_one_line_with_nothing_half_imported(world):
    path = HOSTILE / "truncated-newsml.xml"
    run = import_stories(path)
    assert not run.ok
    [line] = run.error_lines
    assert line.startswith(f"error: {path}: not well-formed XML: Premature end of data")
    assert "Fog delays" not in run.out
    assert_nothing_saved()


@pytest.mark.parametrize("format_name", ["auto", "nitf", "newsml", "feed"])
def test_xxe_never_reads_the_local_file_whatever_the_format_asked_for(world, format_name):
    run = import_stories(HOSTILE / "xxe-nitf.xml", "--format", format_name)
    assert not run.ok and "declares entities" in run.err
    assert "root:" not in run.out + run.err
    assert_nothing_saved()


def test_billion_laughs_is_refused_quickly(world):
    started = time.monotonic()
    run = import_stories(HOSTILE / "billion-laughs-newsml.xml", "--format", "newsml")
    assert time.monotonic() - started < 2
    assert not run.ok and "declares entities" in run.err
    assert_nothing_saved()


def test_script_injection_is_removed_and_the_text_kept(world, client):
    story = imported("hostile/script-injection-ninjs.json", "--publish", "--section", "world")
    assert story.headline == "Swimming pool reopens with a new slide"  # the <script> and its code gone
    assert author_names(story) == ["Corin Ashdown"]
    lowered = story.body.lower()
    for hostile in ("<script", "javascript:", "onclick", "onerror", "onmouseover", "onload", "<iframe",
                    "<svg", "<img", "data:text/html", "evil.newsroom-tests.example", "steal()",
                    "document.cookie", "svg text marker"):  # fmt: skip
        assert hostile not in lowered, hostile
    assert 'href="https://pool.newsroom-tests.example/prices"' in story.body
    assert paragraphs(story) == [
        "The Saltby swimming pool reopened on Monday with a forty-metre slide.",
        "Prices are listed on the pool timetable and the prices page.",
        "Lifeguards will staff the slide at all times.",
        "Booking form and leaflet links were in the press release.",
        "Swimming lessons restart in October.",
    ]
    tree = page(client.get(story.get_absolute_url()))
    assert texts(tree, "//h1") == ["Swimming pool reopens with a new slide"]
    assert not tree.xpath("//div[@class='story__body']//script")
    assert not tree.xpath("//div[@class='story__body']//@*[starts-with(name(), 'on')]")
    assert tree.xpath("//div[@class='story__body']//a/@href") == [
        "https://pool.newsroom-tests.example/prices"
    ]


def test_cp1252_text_with_crlf_keeps_its_quotes_dashes_ellipsis_and_euro_sign(world):
    data = (HOSTILE / "cp1252-crlf.txt").read_bytes()
    assert b"\r\n" in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the file really is cp1252, not UTF-8

    story = imported("hostile/cp1252-crlf.txt")
    assert story.headline == "Ferry fares rise for the first time in five years"
    assert paragraphs(story) == [
        "The harbour board approved a “modest” rise in ferry fares on Friday – the first since 2019.",
        "“It’s a small price for a reliable service,” the board’s chair said. "
        "A return ticket will cost €4.50…",
    ]
    assert "\r" not in story.body and "\r" not in story.headline


def test_utf8_bom_does_not_reach_the_headline_and_the_subhead_is_read(world):
    assert (HOSTILE / "utf8-bom.txt").read_bytes().startswith(b"\xef\xbb\xbf")
    story = imported("hostile/utf8-bom.txt")
    assert story.headline == "Saltby pier lights switched back on"
    assert blocks(story) == [
        ("p", "The strings of bulbs along Saltby pier were lit again on Saturday after a fundraising drive."),
        ("h2", "What comes next"),
        ("p", "Volunteers will repaint the railings in the spring."),
    ]
