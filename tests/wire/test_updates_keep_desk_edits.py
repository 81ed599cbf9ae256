"""A newer wire version never silently replaces what the desk changed in an imported story."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from articles.models import Story
from tests.helpers import form_data, page, texts
from tests.importing import import_stories, ninjs_file
from wire.models import ImportRecord


def change_url(story):
    return reverse("admin:articles_story_change", args=[story.pk])


def the_story():
    return Story.objects.get(imports__guid="urn:batch:1")


def edit_in_the_admin(client, editor, **changes):
    client.force_login(editor)
    story = the_story()
    data = form_data(client.get(change_url(story)), "story_form", **changes)
    assert client.post(change_url(story), data).status_code == 302


@pytest.fixture
def imported(world, tmp_path):
    ninjs_file(tmp_path, 1, "Harbour council meets on ferries")
    assert import_stories(tmp_path, "--publish").ok
    return tmp_path


def test_an_untouched_story_still_updates_itself(imported):
    ninjs_file(imported, 1, "Harbour council votes on ferries", version="2")

    run = import_stories(imported)

    assert "1 found: 0 created, 1 updated, 0 unchanged" in run.out
    assert the_story().headline == "Harbour council votes on ferries"


def test_untouched_stories_imported_together_update_themselves(world, tmp_path):
    links = [{"type": "text", "uri": f"https://example.org/earlier-{n}", "title": f"Earlier report {n}",
              "infoSources": [{"name": "Example Gazette"}]} for n in range(2)]  # fmt: skip
    for number in range(6):
        # Spelled as another story spells the topic: still the one topic "Ferries".
        subjects = [{"name": "ferries" if number % 2 else "Ferries", "rel": "about"}]
        ninjs_file(tmp_path, number, associations=links, subjects=subjects)
    assert import_stories(tmp_path, "--publish").ok
    for number in range(6):
        ninjs_file(tmp_path, number, f"Council story {number} revised", version="2")

    run = import_stories(tmp_path)

    assert "6 found: 0 created, 6 updated, 0 unchanged, 0 skipped, 0 withdrawn, 0 failed." in run.out
    assert sorted(Story.objects.values_list("headline", flat=True)) == [
        f"Council story {number} revised" for number in range(6)
    ]


def test_publishing_an_imported_story_is_no_edit(client, editor, world, tmp_path):
    ninjs_file(tmp_path, 1, "Harbour council meets on ferries")
    assert import_stories(tmp_path).ok
    edit_in_the_admin(client, editor, _workflow="publish")
    ninjs_file(tmp_path, 1, "Harbour council votes on ferries", version="2")

    run = import_stories(tmp_path)

    assert "1 updated" in run.out
    assert the_story().headline == "Harbour council votes on ferries"
    assert the_story().status == Story.Status.PUBLISHED


def test_the_desks_edits_stay_live_and_the_wire_version_is_held(client, editor, imported):
    ferries = Tag.objects.get(name="Ferries")
    edit_in_the_admin(
        client,
        editor,
        headline="Council meets on the ferry timetable",
        tags=[str(tag.pk) for tag in the_story().tags.all() if tag != ferries],
    )
    ninjs_file(imported, 1, "Harbour council votes on ferries", version="2")

    run = import_stories(imported)

    assert run.ok
    [line] = [line for line in run.out.splitlines() if "Harbour council votes" in line]
    assert line.split()[0] == "held"
    assert "edited by the desk" in line
    assert "1 found: 0 created, 0 updated, 1 held" in run.out
    story = the_story()
    assert story.headline == "Council meets on the ferry timetable"
    assert "Ferries" not in [tag.name for tag in story.tags.all()]
    assert ImportRecord.objects.get(guid="urn:batch:1").version == "1"
    reader_page = page(client.get(story.get_absolute_url()))
    assert texts(reader_page, "//h1") == ["Council meets on the ferry timetable"]

    panel = page(client.get(change_url(story))).xpath("//section[contains(@class, 'wire-update')]")[0]
    assert texts(panel, ".//h2[.='Headline']/following-sibling::ol[1]/li[@class='removed']") == [
        "Council meets on the ferry timetable"
    ]
    assert texts(panel, ".//h2[.='Headline']/following-sibling::ol[1]/li[@class='added']") == [
        "Harbour council votes on ferries"
    ]
    assert texts(panel, ".//h2[.='Topics']/following-sibling::ol[1]/li[@class='added']") == ["Ferries"]


def test_the_same_held_version_again_is_unchanged_and_an_older_one_skipped(client, editor, imported):
    edit_in_the_admin(client, editor, headline="Council meets on the ferry timetable")
    ninjs_file(imported, 1, "Harbour council votes on ferries", version="3")
    assert "1 held" in import_stories(imported).out

    again = import_stories(imported)
    ninjs_file(imported, 1, "Harbour council argues about ferries", version="2")
    older = import_stories(imported)

    assert "already held for the desk" in again.out
    assert "1 unchanged" in again.out
    assert "version 2 is older than 3" in older.out
    assert the_story().headline == "Council meets on the ferry timetable"


def test_a_dry_run_says_it_would_hold_and_keeps_nothing(client, editor, imported):
    edit_in_the_admin(client, editor, headline="Council meets on the ferry timetable")
    ninjs_file(imported, 1, "Harbour council votes on ferries", version="2")

    run = import_stories(imported, "--dry-run")

    assert "Would have: 1 found: 0 created, 0 updated, 1 held" in run.out
    assert "Wire update available" not in client.get(change_url(the_story())).content.decode()


def test_a_withdrawal_still_withdraws_an_edited_story(client, editor, imported):
    edit_in_the_admin(client, editor, headline="Council meets on the ferry timetable")
    ninjs_file(imported, 1, "Harbour council votes on ferries", version="2", pubStatus="canceled")

    run = import_stories(imported)

    assert "1 withdrawn" in run.out
    assert the_story().status == Story.Status.UNPUBLISHED
    assert the_story().headline == "Council meets on the ferry timetable"
