"""The desk applies a held wire update in one click, as a revision, when the policy lets it."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Story
from tests.helpers import form_data, page, texts
from tests.importing import import_stories, ninjs_file
from wire.models import ImportRecord


def change_url(story):
    return reverse("admin:articles_story_change", args=[story.pk])


def apply_url(story):
    return reverse("admin:articles_story_apply_wire_update", args=[story.pk])


def the_story():
    return Story.objects.get(imports__guid="urn:batch:1")


@pytest.fixture
def held(client, editor, world, tmp_path):
    """An imported story the desk retitled, and the wire's version 2 held for it."""
    ninjs_file(tmp_path, 1, "Harbour council meets on ferries")
    assert import_stories(tmp_path, "--publish").ok
    client.force_login(editor)
    story = the_story()
    data = form_data(
        client.get(change_url(story)), "story_form", headline="Council meets on the ferry timetable"
    )
    assert client.post(change_url(story), data).status_code == 302
    ninjs_file(tmp_path, 1, "Harbour council votes on ferries", version="2")
    assert "1 held" in import_stories(tmp_path).out
    return tmp_path


def test_an_editor_applies_the_held_update_in_one_click(client, held):
    story = the_story()
    form = page(client.get(change_url(story))).get_element_by_id("apply-wire-update")

    response = client.post(form.get("action"), form_data(client.get(change_url(story)), "apply-wire-update"))

    assert response.status_code == 302
    story = the_story()
    assert story.headline == "Harbour council votes on ferries"
    assert story.status == Story.Status.PUBLISHED
    assert ImportRecord.objects.get(guid="urn:batch:1").version == "2"
    versions = page(client.get(reverse("admin:articles_story_versions", args=[story.pk])))
    assert texts(versions, "//tbody/tr[1]/td[4]") == ["edna"]
    assert texts(versions, "//tbody/tr[1]/td[5]")[0].startswith("Wire update applied by edna")
    assert "Wire update available" not in client.get(change_url(story)).content.decode()


def test_after_applying_the_next_wire_version_updates_by_itself(client, held):
    client.post(apply_url(the_story()))
    ninjs_file(held, 1, "Harbour council approves ferries", version="3")

    run = import_stories(held)

    assert "1 updated" in run.out
    assert the_story().headline == "Harbour council approves ferries"


def test_a_reporter_cannot_apply_a_wire_update(client, held, reporter):
    client.force_login(reporter)

    response = client.post(apply_url(the_story()))

    assert response.status_code == 404  # the policy hides the story from them
    assert the_story().headline == "Council meets on the ferry timetable"


def test_applying_needs_a_post_with_a_csrf_token(held, editor):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)

    assert strict.get(apply_url(the_story())).status_code == 405
    assert strict.post(apply_url(the_story())).status_code == 403
    assert the_story().headline == "Council meets on the ferry timetable"


def test_a_story_with_nothing_held_has_nothing_to_apply(client, editor, make_story):
    story = make_story("Nothing from the wire")
    client.force_login(editor)

    assert "Wire update available" not in client.get(change_url(story)).content.decode()
    assert client.post(apply_url(story)).status_code == 404
