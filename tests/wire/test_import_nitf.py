"""import_stories on IPTC NITF 3.x files."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from articles.models import Story
from tests.importing import import_stories
from tests.samples import SAMPLES, needs_samples

pytestmark = [pytest.mark.django_db, needs_samples]
NITF = SAMPLES / "nitf"
EST = timezone(timedelta(hours=-5))


def test_ap_story_byline_dateline_body_and_distributor(world):
    run = import_stories(NITF / "ap-nitf.xml")
    assert run.ok, run.err
    story = Story.objects.get()
    assert story.headline == "Can trading pollution like stocks help fight climate change?"
    assert [a.name for a in story.ordered_authors()] == ["Bernard Condon"]  # not "AP Business Writer"
    assert story.body.count("<p>") == 28
    assert story.body.startswith("<p>NEW YORK (AP) — The gas produced by hog manure")
    assert story.publish_at == datetime(2015, 12, 10, 19, 10, 44, tzinfo=UTC)
    assert "Associated Press" in [s.outlet.name for s in story.sources.all()]


@pytest.fixture
def fishing_usable(tmp_path):
    """IPTC's sample article, with its management-status set to usable."""
    text = (NITF / "iptc-nitf-fishing.xml").read_text(encoding="utf-8")
    variant = tmp_path / "fishing.xml"
    variant.write_text(
        text.replace('management-status="canceled"', 'management-status="usable"'), encoding="utf-8"
    )
    return variant


def test_fishing_sample_maps_subheads_lists_emphasis_and_leaves_out_media_and_notes(world, fishing_usable):
    run = import_stories(fishing_usable)
    assert run.ok, run.err
    story = Story.objects.get()
    assert story.headline == "Weather and Tide Updates for Norfolk"
    assert story.dek == "Superb weather in Norfolk today. Tides coming in and out as per usual."
    assert [a.name for a in story.ordered_authors()] == ["Alan Karben"]
    assert "<h2>The Tides are High</h2>" in story.body and "<h2>Local Nooks</h2>" in story.body
    assert story.body.count("<li>") == 3 and "<em>Deer Creek:</em>" in story.body
    assert "captured on film" not in story.body  # the picture's caption
    assert "This sample article was created" not in story.body  # the editors' note
    assert "The weather was superb today in Norfolk, Virginia. Made me want to take out my boat" in story.body
    assert story.credit_line == "Stewart Klometers contributed to this article."
    assert {"fishing", "lures", "tides", "Fishing Industry"} <= set(story.tags.names())
    assert story.story_type == Story.StoryType.FEATURE
    assert story.embargo_until == datetime(2002, 2, 26, 9, 30, tzinfo=EST)  # date.release


def test_canceled_nitf_withdraws_the_story_it_replaced(world, fishing_usable):
    assert import_stories(fishing_usable, "--publish").ok
    run = import_stories(NITF / "iptc-nitf-fishing.xml")
    assert run.ok, run.err
    assert "withdrawn" in run.out
    assert Story.objects.get().status == Story.Status.UNPUBLISHED


def test_efe_initials_are_not_an_author_and_the_agency_is_credited(world):
    assert import_stories(NITF / "efe_nitf.xml").ok
    story = Story.objects.get()
    assert story.ordered_authors() == []
    assert story.dek == "Test Abstract"
    assert [s.outlet.name for s in story.sources.all()] == ["EFE"]  # "Agencia EFE" is its alias
    assert "HONDURAS GOVERNMENT" in story.tags.names()
    assert story.publish_at == datetime(2017, 1, 2, 22, 28, tzinfo=UTC)
