"""Hostile and awkward input: entity attacks, encodings, size limits."""

import time

import pytest

from articles.models import Story
from tests.importing import import_stories, import_text
from tests.samples import SAMPLES, needs_samples

pytestmark = pytest.mark.django_db
HOSTILE = SAMPLES / "hostile"


@needs_samples
def test_xxe_is_refused_and_the_local_file_never_read(world):
    run = import_stories(HOSTILE / "xxe-nitf-file-passwd.xml", "--format", "nitf")
    assert not run.ok
    assert "declares entities" in run.err
    assert "root:" not in run.out + run.err
    assert Story.objects.count() == 0


@needs_samples
def test_billion_laughs_is_refused_quickly(world):
    started = time.monotonic()
    run = import_stories(HOSTILE / "billion-laughs-newsml.xml", "--format", "newsml")
    assert time.monotonic() - started < 2
    assert not run.ok and "declares entities" in run.err
    assert Story.objects.count() == 0


def test_entities_in_a_feed_are_refused_too(world, tmp_path):
    run = import_text(
        tmp_path,
        "feed.rss",
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<rss version="2.0"><channel><item><title>&x;</title><description>d</description></item>'
        "</channel></rss>",
    )
    assert not run.ok and "declares entities" in run.err
    assert Story.objects.count() == 0


def test_external_dtd_is_not_fetched_and_the_document_still_reads(world, tmp_path):
    run = import_text(
        tmp_path,
        "story.xml",
        '<?xml version="1.0"?><!DOCTYPE nitf SYSTEM "http://127.0.0.1:9/nitf.dtd">'
        "<nitf><body><body.head><hedline><hl1>Offline</hl1></hedline></body.head>"
        "<body.content><p>No DTD was fetched.</p></body.content></body></nitf>",
    )
    assert run.ok, run.err
    assert Story.objects.get().body == "<p>No DTD was fetched.</p>"


@needs_samples
def test_truncated_xml_is_refused_with_nothing_half_imported(world):
    run = import_stories(HOSTILE / "truncated-newsml.xml")
    assert not run.ok
    assert run.error_lines[0].startswith(f"error: {HOSTILE / 'truncated-newsml.xml'}: not well-formed XML")
    assert Story.objects.count() == 0


@needs_samples
def test_cp1252_text_keeps_its_curly_quotes_dashes_and_euro_sign(world):
    assert import_stories(HOSTILE / "cp1252-curly-quotes.txt").ok
    story = Story.objects.get()
    assert story.headline == "Council approves new cycle lanes"
    assert "approved “protected” cycle lanes on three main roads – a plan" in story.body
    assert "“It’s a start,”" in story.body and "€2.4m…" in story.body


@needs_samples
def test_utf8_bom_does_not_reach_the_headline(world):
    assert import_stories(HOSTILE / "utf8-bom-story.txt").ok
    story = Story.objects.get()
    assert story.headline == "Council approves new cycle lanes"
    assert "<h2>What happens next</h2>" in story.body


@needs_samples
def test_utf16_ninjs_with_a_bom_is_read(world, tmp_path):
    source = (HOSTILE / "script-injection-ninjs.json").read_text(encoding="utf-8")
    utf16 = tmp_path / "story.json"
    utf16.write_bytes(source.encode("utf-16"))
    assert import_stories(utf16).ok, "UTF-16 with BOM"
    assert Story.objects.get().headline == "Library reopens after refit"


def test_declared_xml_encoding_is_honoured(world, tmp_path):
    nitf = tmp_path / "latin1.xml"
    nitf.write_bytes(
        (
            '<?xml version="1.0" encoding="ISO-8859-1"?><nitf><body><body.head><hedline>'
            "<hl1>Café société</hl1></hedline></body.head>"
            "<body.content><p>Crème brûlée à Málaga.</p></body.content></body></nitf>"
        ).encode("latin-1")
    )
    assert import_stories(nitf).ok
    story = Story.objects.get()
    assert (story.headline, story.body) == ("Café société", "<p>Crème brûlée à Málaga.</p>")


@needs_samples
def test_a_file_over_the_size_limit_is_refused_unread(world, settings):
    settings.NEWSROOM_IMPORT_MAX_BYTES = 1000
    run = import_stories(SAMPLES / "ninjs" / "superdesk-1.x-ninjs_embargoed.json")
    assert not run.ok and "over the 1,000-byte limit" in run.err
    assert Story.objects.count() == 0


@needs_samples
def test_an_item_over_the_size_limit_fails_alone(world, settings):
    settings.NEWSROOM_IMPORT_MAX_ITEM_BYTES = 2000
    run = import_stories(SAMPLES / "feeds" / "guardian-us.rss")
    assert not run.ok
    too_big = [line for line in run.error_lines if "over the 2,000-byte limit" in line]
    assert too_big and len(too_big) == len(run.error_lines)
    assert Story.objects.count() == 55 - len(too_big) > 0
