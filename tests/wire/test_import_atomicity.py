"""Each item is saved whole or not at all; --strict and --dry-run for the run as a whole."""

import json

import pytest
from reversion.models import Version
from taggit.models import Tag

from articles.models import Author, Outlet, Section, Story
from tests.importing import import_stories
from tests.samples import SAMPLES, needs_samples
from wire.models import ImportRecord

pytestmark = pytest.mark.django_db


def ninjs_line(uri, headline, **extra):
    body = {"contentType": "text/html", "value": f"<p>{headline}, the story.</p>"}
    item = {"uri": uri, "type": "text", "headlines": [{"value": headline}], "bodies": [body], **extra}
    return json.dumps(item)


def row_counts():
    return {
        model.__name__: model.objects.count()
        for model in (Story, Author, Outlet, Section, ImportRecord, Tag, Version)
    }


def test_a_bad_item_is_reported_and_the_good_ones_around_it_import(world, tmp_path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        "\n".join([
            ninjs_line("urn:x:1", "First good story", by="Ann Writer"),
            ninjs_line("urn:x:2", "", by="Bob Nobody"),
            ninjs_line("urn:x:3", "Third good story"),
        ]),
        encoding="utf-8",
    )  # fmt: skip
    run = import_stories(batch)
    assert not run.ok  # non-zero exit
    assert run.error_lines == [f"error: {batch} (item 2): the item has no headline"]
    assert sorted(Story.objects.values_list("headline", flat=True)) == [
        "First good story",
        "Third good story",
    ]
    assert not Author.objects.filter(name="Bob Nobody").exists()
    assert "3 found: 2 created, 0 updated, 0 unchanged, 0 skipped, 0 withdrawn, 1 failed." in run.out


def test_an_item_failing_halfway_through_saving_leaves_nothing_behind(world, tmp_path):
    # The parent section is created before the child's slug is found to be reserved.
    reserved = [{"name": "Desk", "rel": "section", "literal": "desk"},
                {"name": "Admin", "rel": "section", "literal": "admin"}]  # fmt: skip
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        ninjs_line("urn:x:1", "Doomed story", by="Carla Doomed", subjects=reserved)
        + "\n"
        + ninjs_line("urn:x:2", "Fine story"),
        encoding="utf-8",
    )
    run = import_stories(batch)
    assert not run.ok
    assert run.error_lines[0].startswith(f"error: {batch} (item 1): slug:")
    assert list(Story.objects.values_list("headline", flat=True)) == ["Fine story"]
    assert not Section.objects.filter(slug__in=["desk", "admin"]).exists()
    assert not Author.objects.filter(name="Carla Doomed").exists()


@pytest.fixture
def wire_folder(tmp_path):
    """A folder of three files; the middle one is broken."""
    folder = tmp_path / "wire"
    folder.mkdir()
    (folder / "a-good.jsonl").write_text(ninjs_line("urn:x:1", "Saved first, then undone"), encoding="utf-8")
    (folder / "b-bad.json").write_text("{not json", encoding="utf-8")
    (folder / "c-good.jsonl").write_text(ninjs_line("urn:x:3", "Never reached"), encoding="utf-8")
    return folder


def test_strict_stops_at_the_first_failure_and_saves_nothing(world, wire_folder):
    folder = wire_folder
    before = row_counts()
    run = import_stories(folder, "--strict")
    assert not run.ok
    assert "stopped at the first failure (--strict); nothing was saved" in str(run.error)
    assert run.error_lines == [f"error: {folder / 'b-bad.json'}: not valid JSON: Expecting property name "
                               "enclosed in double quotes at line 1 column 2"]  # fmt: skip
    assert "Never reached" not in run.out
    assert row_counts() == before


def test_without_strict_the_same_folder_imports_the_good_files(world, wire_folder):
    assert not import_stories(wire_folder).ok
    headlines = sorted(Story.objects.values_list("headline", flat=True))
    assert headlines == ["Never reached", "Saved first, then undone"]


@needs_samples
def test_dry_run_over_every_sample_reports_but_writes_nothing(world):
    before = row_counts()
    folders = [SAMPLES / name for name in ("text", "ninjs", "nitf", "newsml", "feeds", "hostile")]
    run = import_stories(*folders, "--dry-run")
    assert row_counts() == before
    assert "Dry run, nothing saved. Would have: " in run.out
    assert "created  " in run.out and "skipped  " in run.out
    assert "error: " in run.err  # the refusals are still reported
    assert not run.ok


@needs_samples
def test_dry_run_of_a_canceled_version_says_it_would_withdraw(world):
    assert import_stories(SAMPLES / "newsml" / "reuters-L1N14N0FF-v978556838-usable.xml", "--publish").ok
    run = import_stories(SAMPLES / "newsml" / "reuters-L1N14N0FF-v1542761538-canceled.xml", "--dry-run")
    assert "withdrawn" in run.out
    assert Story.objects.get().status == Story.Status.PUBLISHED


@needs_samples
def test_status_and_section_control_where_stories_land(world, europe):
    run = import_stories(SAMPLES / "nitf" / "ap-nitf.xml", "--status", "review", "--section", "europe")
    assert run.ok, run.err
    story = Story.objects.get()
    assert (story.status, story.section) == (Story.Status.IN_REVIEW, europe)


@needs_samples
def test_output_has_no_progress_bar_when_not_on_a_terminal(world):
    run = import_stories(SAMPLES / "feeds" / "heise-developer.atom")
    assert "━" not in run.out and "Importing" not in run.out
