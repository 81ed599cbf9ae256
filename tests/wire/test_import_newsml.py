"""import_stories on IPTC NewsML-G2 news items and messages, and versioning across imports."""

from datetime import UTC, datetime

import pytest
from reversion.models import Version

from articles.models import Section, Story
from tests.importing import import_stories, import_text
from tests.samples import SAMPLES, needs_samples
from wire.models import ImportRecord

pytestmark = [pytest.mark.django_db, needs_samples]
NEWSML = SAMPLES / "newsml"
USABLE = NEWSML / "reuters-L1N14N0FF-v978556838-usable.xml"
CANCELED = NEWSML / "reuters-L1N14N0FF-v1542761538-canceled.xml"
LISTING = NEWSML / "iptc-LISTING_1_A_NewsML-G2_News_Item.xml"


def test_reuters_inline_xhtml_body_credit_section_and_provider(world):
    business = Section.objects.create(name="Business", slug="business")
    run = import_stories(USABLE)
    assert run.ok, run.err
    story = Story.objects.get()
    assert story.headline == "CORRECTED-S. Illinois battles flooding as Mississippi River builds downstream"
    assert story.body.count("<p>") == 16
    assert "html:" not in story.body and "ns0" not in story.body
    assert story.section == business  # the first memberOf we have
    assert story.credit_line == "Reuters"
    assert story.updated_at == datetime(2016, 1, 4, 15, 43, 34, tzinfo=UTC)
    assert next(s.outlet.name for s in story.sources.all()) == "Reuters"  # provider "reuters.com"
    record = ImportRecord.objects.get()
    assert (record.guid, record.version, record.format) == (
        "tag:reuters.com,0000:newsml_L1N14N0FF", "978556838", "newsml",
    )  # fmt: skip


def test_without_a_known_section_the_story_lands_in_the_default_section(db, settings):
    settings.NEWSROOM_DEFAULT_SECTION = "wire"
    assert import_stories(USABLE).ok
    assert Story.objects.get().section.slug == "wire"


def test_same_item_again_changes_nothing(world):
    assert import_stories(USABLE).ok
    before = Story.objects.get()
    run = import_stories(USABLE)
    assert run.ok and "unchanged" in run.out
    after = Story.objects.get()
    assert after.modified_at == before.modified_at
    assert not Version.objects.get_for_object(after).exists()  # nothing changed, nothing to keep


def test_canceled_version_withdraws_the_story_and_the_older_version_is_then_skipped(
    world, client, django_capture_on_commit_callbacks
):
    assert import_stories(USABLE, "--publish", "--section", "world").ok
    story = Story.objects.get()
    assert client.get(story.get_absolute_url()).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):  # the page cache learns of the change on commit
        run = import_stories(CANCELED)
    assert run.ok, run.err
    assert "withdrawn" in run.out
    story.refresh_from_db()
    assert story.status == Story.Status.UNPUBLISHED
    assert client.get(story.get_absolute_url()).status_code == 404
    published, withdrawn = Version.objects.get_for_object(story).order_by("pk")
    assert (published.field_dict["status"], withdrawn.field_dict["status"]) == ("published", "unpublished")

    run = import_stories(USABLE)
    assert run.ok
    assert "version 978556838 is older than 1542761538" in run.out
    assert Story.objects.get().status == Story.Status.UNPUBLISHED


def test_newer_version_updates_the_story_and_keeps_a_revision_of_the_old_text(world, tmp_path):
    assert import_stories(USABLE).ok
    newer = tmp_path / "newer.xml"
    newer.write_text(
        USABLE.read_text(encoding="utf-8")
        .replace('version="978556838"', 'version="978556999"')
        .replace("CORRECTED-S. Illinois battles flooding", "S. Illinois flood waters recede"),
        encoding="utf-8",
    )
    run = import_stories(newer)
    assert run.ok and "updated" in run.out
    story = Story.objects.get()
    assert story.headline.startswith("S. Illinois flood waters recede")
    versions = Version.objects.get_for_object(story)
    assert versions.count() == 2
    assert versions.last().field_dict["headline"].startswith("CORRECTED-S. Illinois battles flooding")
    assert ImportRecord.objects.get().version == "978556999"


def test_iptc_listing_without_body_text_is_refused_in_one_line(world):
    run = import_stories(LISTING)
    assert not run.ok
    assert run.error_lines == [
        f"error: {LISTING} (urn:newsml:acmenews.com:20161018:US-FINANCE-FED): the news item has no body "
        "text (contentSet holds no inlineXML or inlineData)"
    ]
    assert Story.objects.count() == 0


def test_iptc_listing_maps_embargo_related_link_creator_subjects_and_genre(world, tmp_path):
    run = import_text(
        tmp_path,
        "listing.xml",
        LISTING.read_text(encoding="utf-8").replace(
            '<inlineXML contenttype="application/nitf+xml">',
            '<inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml">'
            "<body><p>The Fed will halt QE.</p></body></html>",
        ),
    )
    assert run.ok, run.err
    story = Story.objects.get()
    assert story.headline == 'Fed to halt QE to avert "bubble"'
    assert story.embargo_until == datetime(2018, 10, 23, 12, 0, tzinfo=UTC)
    assert [(link.title, link.url) for link in story.related_links.all()] == [
        ("http://www.example.com/video/20081222-PNN-1517-407624/index.html",) * 2
    ]
    assert [a.name for a in story.ordered_authors()] == ["Meredith Jameson"]
    assert set(story.tags.names()) == {"economy, business and finance", "labour market"}
    assert story.story_type == Story.StoryType.INTERVIEW
    assert "Note to editors" not in story.body


def test_ansa_plain_text_body_becomes_paragraphs_without_stray_markup(world):
    assert import_stories(NEWSML / "ansa-newsmlg2-text.xml").ok
    story = Story.objects.get()
    assert story.dek == "Foreign minister expresses faith in Spanish government"  # hld:subHeadline
    assert story.body.count("<p>") == 4
    assert "&lt;p&gt;" not in story.body
    assert story.body.startswith(
        "<p>(ANSA) - Rome, October 11 - Italian Foreign Minister Angelino Alfano has said"
    )
    assert story.ordered_authors() == []  # creator "VRG" is initials
    assert [s.outlet.name for s in story.sources.all()] == ["ANSA"]
    assert story.publish_at == datetime(2017, 10, 11, 9, 41, tzinfo=UTC)


def test_canceled_version_arriving_first_keeps_the_older_usable_version_out(world):
    """As when both files sit in one folder: names sort the canceled version first."""
    run = import_stories(NEWSML)
    assert "canceled item that was never imported" in run.out
    assert "version 978556838 is older than 1542761538" in run.out
    assert not Story.objects.filter(headline__startswith="CORRECTED-S. Illinois").exists()


def test_inline_nitf_body_gives_only_its_text_and_a_provider_known_by_address_is_credited_by_name(
    world, tmp_path
):
    run = import_text(
        tmp_path,
        "item.xml",
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:example.net:1" version="3">'
        '<rightsInfo><copyrightHolder uri="https://example.net/"><name>Example Wire Ltd</name>'
        "</copyrightHolder></rightsInfo>"
        '<itemMeta><itemClass qcode="ninat:text"/><provider uri="https://example.net/about/"/>'
        "<versionCreated>2024-02-01T08:00:00-05:00</versionCreated>"
        '<pubStatus qcode="stat:usable"/></itemMeta>'
        "<contentMeta><headline>Tram line opens</headline></contentMeta>"
        '<contentSet><inlineXML contenttype="application/nitf+xml">'
        '<nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body><body.head>'
        "<hedline><hl1>Tram line opens</hl1></hedline>"
        "<byline>By Lena Field, <byttl>Transport Writer</byttl></byline></body.head>"
        "<body.content><p>The first tram left at dawn.</p><p>Crowds cheered.</p></body.content></body></nitf>"
        "</inlineXML></contentSet></newsItem>",
    )
    assert run.ok, run.err
    story = Story.objects.get()
    assert story.body == "<p>The first tram left at dawn.</p><p>Crowds cheered.</p>"
    assert [s.outlet.name for s in story.sources.all()] == ["Example Wire Ltd"]
    assert story.updated_at == datetime(2024, 2, 1, 13, 0, tzinfo=UTC)
