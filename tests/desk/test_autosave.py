"""Autosave: the text typed in the story editor is kept as the writer's own working copy,
offered back on their return, and never reaches the story, its versions or other people."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Story
from desk.models import DraftAutosave
from tests.helpers import form_data, page, texts

AUTOSAVE = "/admin/articles/story/autosave/"
DISCARD = "/admin/articles/story/autosave/discard/"


def change_url(story):
    return reverse("admin:articles_story_change", args=[story.pk])


@pytest.fixture
def ritas_draft(make_story, reporter):
    return make_story(
        "Tram line opens", status=Story.Status.DRAFT, publish_at=None, created_by=reporter,
        body="<p>The first tram left at six.</p>",
    )  # fmt: skip


def kept(client, **target):
    return client.get(AUTOSAVE, target).json()["fields"]


def test_autosave_never_changes_the_story_nor_adds_a_version(client, reporter, ritas_draft):
    client.force_login(reporter)
    versions_before = Version.objects.get_for_object(ritas_draft).count()

    response = client.post(
        AUTOSAVE, {"story": ritas_draft.pk, "headline": "Tram line opens at last", "body": "<p>Typed.</p>"}
    )

    assert response.status_code == 200
    ritas_draft.refresh_from_db()
    assert ritas_draft.headline == "Tram line opens"
    assert ritas_draft.body == "<p>The first tram left at six.</p>"
    assert Version.objects.get_for_object(ritas_draft).count() == versions_before
    assert kept(client, story=ritas_draft.pk) == {
        "headline": "Tram line opens at last",
        "body": "<p>Typed.</p>",
    }


def test_returning_to_the_editor_offers_the_unsaved_text_and_saving_clears_it(client, reporter, ritas_draft):
    client.force_login(reporter)
    client.post(AUTOSAVE, {"story": ritas_draft.pk, "headline": "Tram line opens at last"})

    editor = page(client.get(change_url(ritas_draft)))

    assert texts(editor, "//div[@class='autosave-notice']//button") == ["Restore my unsaved text", "Discard"]
    data = form_data(client.get(change_url(ritas_draft)), "story_form", headline="Tram line opens at last")
    assert client.post(change_url(ritas_draft), data).status_code == 302
    assert kept(client, story=ritas_draft.pk) is None
    assert not page(client.get(change_url(ritas_draft))).xpath("//div[@class='autosave-notice']")


def test_text_the_same_as_the_story_is_not_offered(client, reporter, ritas_draft):
    client.force_login(reporter)
    client.post(AUTOSAVE, {"story": ritas_draft.pk, "headline": ritas_draft.headline})

    assert not page(client.get(change_url(ritas_draft))).xpath("//div[@class='autosave-notice']")


def test_discard_drops_the_working_copy(client, reporter, ritas_draft):
    client.force_login(reporter)
    client.post(AUTOSAVE, {"story": ritas_draft.pk, "headline": "Tram line opens at last"})

    assert client.post(DISCARD, {"story": ritas_draft.pk}).status_code == 200

    assert kept(client, story=ritas_draft.pk) is None


def test_another_person_can_neither_read_nor_overwrite_your_working_copy(
    client, reporter, editor, ritas_draft
):
    client.force_login(reporter)
    client.post(AUTOSAVE, {"story": ritas_draft.pk, "headline": "Rita's unsaved headline"})
    client.force_login(editor)  # an editor may edit the story, but has a working copy of their own

    assert kept(client, story=ritas_draft.pk) is None
    client.post(AUTOSAVE, {"story": ritas_draft.pk, "headline": "Edna's unsaved headline"})
    assert b"Rita's unsaved headline" not in client.get(change_url(ritas_draft)).content

    client.force_login(reporter)
    assert kept(client, story=ritas_draft.pk) == {"headline": "Rita's unsaved headline"}


def test_a_new_storys_working_copy_belongs_to_its_writer(client, reporter, other_reporter):
    client.force_login(reporter)
    token = page(client.get("/admin/articles/story/add/")).xpath("//input[@name='_autosave_token']/@value")[0]
    client.post(AUTOSAVE, {"token": token, "headline": "Half a story"})

    again = page(client.get("/admin/articles/story/add/"))

    assert again.xpath("//input[@name='_autosave_token']/@value") == [token]
    assert texts(again, "//div[@class='autosave-notice']//button") == ["Restore my unsaved text", "Discard"]
    client.force_login(other_reporter)
    assert kept(client, token=token) is None
    assert not page(client.get("/admin/articles/story/add/")).xpath("//div[@class='autosave-notice']")


def test_a_story_you_may_not_edit_is_refused(client, reporter, other_reporter, ritas_draft, make_story):
    client.force_login(other_reporter)

    assert client.post(AUTOSAVE, {"story": ritas_draft.pk, "headline": "Not mine"}).status_code == 404
    assert client.get(AUTOSAVE, {"story": ritas_draft.pk}).status_code == 404
    submitted = make_story("Submitted", status=Story.Status.IN_REVIEW, publish_at=None, created_by=reporter)
    client.force_login(reporter)  # in review, it is no longer hers to edit
    assert client.post(AUTOSAVE, {"story": submitted.pk, "headline": "Too late"}).status_code == 403


def test_autosave_needs_the_csrf_token(reporter, ritas_draft):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(reporter)

    assert browser.post(AUTOSAVE, {"story": ritas_draft.pk, "headline": "Forged"}).status_code == 403


def test_autosave_needs_a_sign_in(client, ritas_draft):
    response = client.post(AUTOSAVE, {"story": ritas_draft.pk, "headline": "Anonymous"})

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_new_story_sent_back_with_errors_keeps_its_working_copy_token(client, reporter):
    client.force_login(reporter)
    add = client.get("/admin/articles/story/add/")
    token = page(add).xpath("//input[@name='_autosave_token']/@value")[0]
    client.post(AUTOSAVE, {"token": token, "headline": "No section yet"})

    again = client.post("/admin/articles/story/add/", form_data(add, "story_form", headline="No section yet"))

    tree = page(again)  # the section is missing: the form comes back
    assert tree.xpath("//input[@name='_autosave_token']/@value") == [token]
    assert not tree.xpath("//div[@class='autosave-notice']")


def kept_tokens(user):
    return sorted(DraftAutosave.objects.filter(user=user, story=None).values_list("token", flat=True))


def test_a_newer_new_story_copy_replaces_the_older_ones_of_its_writer(client, reporter, other_reporter):
    """Two editor pages of new stories (two tabs): an older copy goes once a newer
    one is written, unless it was written within the last hour (that tab may still be typing)."""
    start = timezone.now()
    client.force_login(other_reporter)
    client.post(AUTOSAVE, {"token": "otto-tab", "headline": "Otto's half story"})
    client.force_login(reporter)
    with time_machine.travel(start, tick=False):
        client.post(AUTOSAVE, {"token": "first-tab", "headline": "Abandoned story"})
    with time_machine.travel(start + timedelta(minutes=40), tick=False):
        client.post(AUTOSAVE, {"token": "second-tab", "headline": "Another story"})
    assert kept_tokens(reporter) == ["first-tab", "second-tab"]

    with time_machine.travel(start + timedelta(minutes=90), tick=False):
        client.post(AUTOSAVE, {"token": "third-tab", "headline": "The story I finish"})

    assert kept_tokens(reporter) == ["second-tab", "third-tab"]
    assert kept_tokens(other_reporter) == ["otto-tab"]  # only the writer's own copies
    assert texts(page(client.get("/admin/articles/story/add/")), "//div[@class='autosave-notice']//button")


def test_clear_old_autosaves_deletes_copies_untouched_for_the_set_days(
    client, reporter, ritas_draft, make_story, settings
):
    settings.NEWSROOM_AUTOSAVE_KEEP_DAYS = 7
    recent = make_story("Bridge reopens", status=Story.Status.DRAFT, publish_at=None, created_by=reporter)
    client.force_login(reporter)
    with time_machine.travel(timezone.now() - timedelta(days=8)):
        client.post(AUTOSAVE, {"story": ritas_draft.pk, "headline": "Typed last week"})
        client.post(AUTOSAVE, {"token": "old-tab", "headline": "A new story never saved"})
    with time_machine.travel(timezone.now() - timedelta(days=6)):
        client.post(AUTOSAVE, {"story": recent.pk, "headline": "Typed this week"})
    out = StringIO()

    call_command("clear_old_autosaves", stdout=out)

    assert "Deleted 2 working copies older than 7 days." in out.getvalue()
    left = DraftAutosave.objects.filter(user=reporter)
    assert [(copy.story, copy.fields["headline"]) for copy in left] == [(recent, "Typed this week")]
