"""import_stories on copy as real providers write it (tests/files/realcopy).

Each file reproduces one class of item that used to fail or mislead: bylines
with "By" or an organisation in them, `email (Name)` authors, 12-hour feed
times, a topic twice in different case, one paragraph a line, correction
notices with an empty headline, withheld items, advisories, advertising and
picture-only items.
"""

from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model

from articles import workflow
from articles.models import Story
from tests.helpers import page, texts
from tests.importing import import_stories
from tests.project_files import FILES, author_names, blocks, imported, source_names

pytestmark = pytest.mark.django_db

REAL = FILES / "realcopy"


def test_feed_authors_written_as_email_and_name_are_the_name(world):
    run = import_stories(REAL / "rss-bylines-clock-topics.rss")
    assert run.ok, run.err
    ferry = Story.objects.get(headline__startswith="Kelsby ferry")
    assert author_names(ferry) == ["Hester Quayle"]


def test_a_byline_naming_a_newspaper_credits_it_as_source_not_author(world):
    import_stories(REAL / "rss-bylines-clock-topics.rss")
    market = Story.objects.get(headline__startswith="Night market")
    assert author_names(market) == []
    assert "The Kelsby Gazette" in source_names(market)


def test_twelve_hour_feed_times_are_read_as_the_right_hour(world):
    import_stories(REAL / "rss-bylines-clock-topics.rss")
    times = {story.headline[:11]: story.publish_at for story in Story.objects.all()}
    assert times["Kelsby ferr"] == datetime(2026, 3, 3, 15, 15, tzinfo=UTC)  # 03:15:00 PM
    assert times["Night marke"] == datetime(2026, 3, 3, 0, 5, tzinfo=UTC)  # 12:05:00 AM


def test_the_same_topic_twice_in_different_case_is_one_tag(world):
    run = import_stories(REAL / "rss-bylines-clock-topics.rss")
    assert run.ok, run.err
    ferry = Story.objects.get(headline__startswith="Kelsby ferry")
    assert sorted(tag.name.lower() for tag in ferry.tags.all()) == ["ferries", "transport"]


def test_ninjs_byline_with_by_prefix_in_capitals_and_an_agency(world):
    story = imported(REAL / "ninjs-byline-prefix-and-agency.json")
    assert author_names(story) == ["Anwen Doherty"]
    assert "Reuters" in source_names(story)
    assert sorted(tag.name.lower() for tag in story.tags.all()) == ["lighthouses", "maritime heritage"]


def test_plain_text_with_one_paragraph_a_line(world):
    story = imported(REAL / "text-single-line-breaks.txt")
    assert story.headline == "Brisk library opens on Sunday afternoons"
    assert author_names(story) == ["Hester Quayle"]
    assert blocks(story) == [
        ("p", "The town library in Brisk will open from one to five on Sundays from April, "
              "the council said on Tuesday."),
        ("p", "The change follows a petition signed by more than two thousand residents."),
        ("h2", "What changes"),
        ("p", "Children's story hour moves from Saturday morning to Sunday afternoon."),
        ("p", "The reading room stays closed on Sundays, for now."),
    ]  # fmt: skip


def test_a_correction_notice_is_attached_to_the_story_it_names(world, client):
    story = imported(FILES / "nitf/nitf-telescope-library.xml", "--publish")
    run = import_stories(REAL / "nitf-correction-notice.xml")
    assert run.ok, run.err
    assert "correction attached to" in run.out
    assert Story.objects.count() == 1  # no story was made of the notice
    [correction] = story.corrections.all()
    assert correction.note.startswith("CORRECTION: An earlier story about Harrowby library")
    assert story.transitions.filter(action="correct", user__username="wire").exists()
    tree = page(client.get(story.get_absolute_url()))
    assert any("It lends out eight." in text for text in texts(tree, "//*[contains(@class, 'correction')]"))

    again = import_stories(REAL / "nitf-correction-notice.xml")
    assert again.ok and "unchanged" in again.out
    assert story.corrections.count() == 1


def test_a_correction_notice_naming_no_story_we_have_waits_as_a_draft(world):
    run = import_stories(REAL / "nitf-correction-notice.xml", "--publish")
    assert run.ok, run.err
    notice = Story.objects.get()
    assert notice.status == Story.Status.DRAFT  # never published on its own
    assert notice.headline.startswith("CORRECTION: An earlier story about Harrowby library")


def test_withheld_keeps_the_story_from_readers_until_a_later_version(
    world, client, django_capture_on_commit_callbacks
):
    story = imported(REAL / "ninjs-withheld-v1.json", "--publish")
    address = story.get_absolute_url()
    assert client.get(address).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):  # the page cache hears of it after commit
        run = import_stories(REAL / "ninjs-withheld-v2.json")
    assert run.ok, run.err
    assert "the provider withheld it" in run.out
    assert not Story.objects.published().exists()
    assert client.get(address).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        run = import_stories(REAL / "ninjs-withheld-v3.json")
    assert run.ok, run.err
    story.refresh_from_db()
    assert story.is_public()
    assert "chaired by a retired judge" in page(client.get(address)).text_content()
    steps = [(t.action, t.user.username) for t in story.transitions.order_by("at", "pk")]
    assert steps == [("publish", "wire"), ("withdraw", "wire"), ("publish", "wire")]


def test_a_withheld_story_an_editor_moved_since_is_left_alone(world, editor):
    story = imported(REAL / "ninjs-withheld-v1.json", "--publish")
    import_stories(REAL / "ninjs-withheld-v2.json")
    story.refresh_from_db()
    workflow.send_back(story, editor, note="Legal says hold it for good.")
    import_stories(REAL / "ninjs-withheld-v3.json")
    story.refresh_from_db()
    assert story.status == Story.Status.DRAFT


def test_a_canceled_story_stays_down_when_a_later_version_comes(world, tmp_path):
    story = imported(REAL / "ninjs-withheld-v1.json", "--publish")
    canceled = (REAL / "ninjs-withheld-v2.json").read_text().replace('"withheld"', '"canceled"')
    (tmp_path / "canceled.json").write_text(canceled)
    assert import_stories(tmp_path / "canceled.json").ok
    import_stories(REAL / "ninjs-withheld-v3.json")
    story.refresh_from_db()
    assert story.status == Story.Status.UNPUBLISHED


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("newsml-advisory.xml", "an editors' advisory (genre 'advisory'), not for publication"),
        ("ninjs-picture-only.json", "a picture item, not a story"),
        ("rss-advertising-only.rss", "an advertisement, not a story"),
    ],
)
def test_items_not_for_readers_are_skipped_with_a_reason_and_the_run_succeeds(world, name, reason):
    run = import_stories(REAL / name)
    assert run.ok, run.err  # cron sees exit status 0
    assert run.error_lines == []
    assert reason in run.out
    assert not Story.objects.exists()


def test_a_folder_of_advisories_ads_and_pictures_exits_zero_and_counts_them_skipped(world, tmp_path):
    for name in ("newsml-advisory.xml", "ninjs-picture-only.json", "rss-advertising-only.rss"):
        (tmp_path / name).write_bytes((REAL / name).read_bytes())
    run = import_stories(tmp_path)
    assert run.ok, run.err
    assert "4 found: 0 created, 0 updated, 0 unchanged, 4 skipped, 0 withdrawn, 0 failed." in run.out


def test_the_wire_account_did_the_withdrawal_and_release_not_an_editor(world):
    imported(REAL / "ninjs-withheld-v1.json", "--publish")
    import_stories(REAL / "ninjs-withheld-v2.json")
    withdrawal = Story.objects.get().transitions.get(action="withdraw")
    assert withdrawal.user == get_user_model().objects.get(username="wire")
    assert withdrawal.note.startswith("Withheld by ninjs import")
