"""Live coverage from the story's admin page: the quick update form, pinning,
correcting and removing updates (with a note readers see), closing the
coverage, and who may do which, decided on the server."""

import pytest
from django.urls import reverse

from articles.models import LiveUpdate, Story
from tests.helpers import form_data, page, texts
from tests.live import add, live_story

pytestmark = pytest.mark.django_db


def change_url(story):
    return reverse("admin:articles_story_change", args=[story.pk])


def update_url(story, update):
    return reverse("admin:articles_story_live_update", args=[story.pk, update.pk])


def coverage_url(story):
    return reverse("admin:articles_story_live_coverage", args=[story.pk])


@pytest.fixture
def story(make_story):
    return live_story(make_story)


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


def test_an_editor_adds_an_update_from_the_story_page(as_editor, story):
    response = as_editor.get(change_url(story))
    assert len(page(response).xpath('//*[@id="live-desk"]')) == 1  # outside the story's own form
    assert not page(response).xpath('//form[@id="story_form"]//*[@id="live-desk"]')
    data = form_data(response, "live-add-form", **{"live-body": "Winds reach the harbour.\n\nFerries stop."})

    answer = as_editor.post(reverse("admin:articles_story_live_add", args=[story.pk]), data, follow=True)

    update = LiveUpdate.objects.get(story=story)
    assert update.body == "<p>Winds reach the harbour.</p>\n\n<p>Ferries stop.</p>"
    assert "The update is published." in answer.content.decode()
    assert "Winds reach the harbour." in texts(page(answer), '//ol[@class="live-desk__updates"]')[0]
    # ...and readers see it at once.
    assert "Ferries stop." in as_editor.get(story.get_absolute_url()).content.decode()


def test_an_update_with_no_words_is_refused(as_editor, story):
    data = form_data(as_editor.get(change_url(story)), "live-add-form", **{"live-body": "<p> </p>"})
    answer = as_editor.post(reverse("admin:articles_story_live_add", args=[story.pk]), data, follow=True)

    assert not LiveUpdate.objects.exists()
    assert "An update needs some words." in answer.content.decode()


def test_pin_and_unpin_a_key_event(as_editor, story):
    update = add(story, "Seafront evacuated.")

    as_editor.post(update_url(story, update), {"action": "pin"})
    update.refresh_from_db()
    assert update.is_key_event
    as_editor.post(update_url(story, update), {"action": "unpin"})
    update.refresh_from_db()
    assert not update.is_key_event


def test_a_correction_keeps_its_note(as_editor, story):
    update = add(story, "Winds reach the harbour.")

    as_editor.post(
        update_url(story, update),
        {
            "action": "correct",
            "headline": "",
            "body": "Winds reach the marina.",
            "note": "It was the marina.",
        },
    )

    update.refresh_from_db()
    assert update.body == "<p>Winds reach the marina.</p>"
    assert update.correction_note == "It was the marina." and update.corrected_at


def test_removing_an_update_leaves_its_note(as_editor, story):
    update = add(story, "Unconfirmed report.", key_event=True)

    as_editor.post(update_url(story, update), {"action": "withdraw", "note": "Not confirmed."})

    update.refresh_from_db()
    assert update.is_withdrawn and not update.is_key_event
    assert LiveUpdate.objects.filter(pk=update.pk).exists()
    content = as_editor.get(story.get_absolute_url()).content.decode()
    assert "Not confirmed." in content and "Unconfirmed report." not in content


def test_a_removal_needs_a_note(as_editor, story):
    update = add(story, "Unconfirmed report.")

    as_editor.post(update_url(story, update), {"action": "withdraw", "note": ""})

    update.refresh_from_db()
    assert not update.is_withdrawn


def test_close_and_reopen_the_coverage(as_editor, story):
    as_editor.post(coverage_url(story), {"coverage": "close"})
    story.refresh_from_db()
    assert story.coverage_ended_at is not None and not story.coverage_is_open

    as_editor.post(coverage_url(story), {"coverage": "open"})
    story.refresh_from_db()
    assert story.coverage_is_open


def test_closing_leaves_the_story_editable_from_an_open_form(as_editor, story):
    # The editor had the story open before the coverage was closed elsewhere.
    stale_form = form_data(
        as_editor.get(change_url(story)), "story_form", headline="Storm live: the day after"
    )
    as_editor.post(coverage_url(story), {"coverage": "close"})

    as_editor.post(change_url(story), stale_form)

    story.refresh_from_db()
    assert story.headline == "Storm live: the day after"
    assert story.coverage_ended_at is not None


def test_the_live_desk_is_only_on_live_stories(as_editor, make_story):
    plain = make_story("Plain news")

    assert not page(as_editor.get(change_url(plain))).xpath('//*[@id="live-desk"]')


# Who may do what


def test_a_reporter_adds_updates_to_a_live_draft_of_their_own_but_cannot_pin(client, reporter, make_story):
    own = live_story(make_story, status=Story.Status.DRAFT, publish_at=None, created_by=reporter)
    client.force_login(reporter)
    tree = page(client.get(change_url(own)))
    assert tree.xpath('//form[@id="live-add-form"]')
    assert not tree.xpath('//input[@name="live-is_key_event"]')

    client.post(
        reverse("admin:articles_story_live_add", args=[own.pk]),
        {"live-body": "First notes.", "live-is_key_event": "on"},  # a forged key-event box
    )

    update = LiveUpdate.objects.get(story=own)
    assert not update.is_key_event


def test_a_reporter_may_not_pin_correct_remove_or_close(client, reporter, make_story):
    own = live_story(make_story, status=Story.Status.DRAFT, publish_at=None, created_by=reporter)
    update = add(own, "First notes.")
    client.force_login(reporter)

    for data in ({"action": "pin"}, {"action": "withdraw", "note": "x"},
                 {"action": "correct", "body": "y", "note": "z"}):  # fmt: skip
        assert client.post(update_url(own, update), data).status_code == 403
    assert client.post(coverage_url(own), {"coverage": "close"}).status_code == 403
    update.refresh_from_db()
    own.refresh_from_db()
    assert not update.is_key_event and not update.is_withdrawn and update.body == "<p>First notes.</p>"
    assert own.coverage_is_open


def test_a_reporter_may_not_add_to_a_story_they_may_not_edit(client, reporter, story):
    client.force_login(reporter)  # the published story is an editor's now

    response = client.post(
        reverse("admin:articles_story_live_add", args=[story.pk]), {"live-body": "Forged."}
    )

    assert response.status_code in (403, 404)
    assert not LiveUpdate.objects.exists()


def test_updates_cannot_be_added_to_a_story_that_is_not_live(as_editor, make_story):
    plain = make_story("Plain news")

    response = as_editor.post(reverse("admin:articles_story_live_add", args=[plain.pk]), {"live-body": "Hi."})

    assert response.status_code == 403
    assert not LiveUpdate.objects.exists()


def test_an_update_of_another_story_is_not_reachable_through_this_one(as_editor, story, make_story):
    other = live_story(make_story, headline="Other live")
    foreign = add(other, "Other story's update.")

    assert as_editor.post(update_url(story, foreign), {"action": "pin"}).status_code == 404


def test_the_desk_only_takes_posts(as_editor, story):
    assert as_editor.get(coverage_url(story)).status_code == 405


def test_the_preview_of_a_live_draft_shows_its_updates_and_polls_nothing(client, reporter, make_story):
    own = live_story(make_story, status=Story.Status.DRAFT, publish_at=None, created_by=reporter)
    add(own, "Notes before we go live.")
    client.force_login(reporter)

    tree = page(client.get(reverse("admin:articles_story_preview", args=[own.pk])))

    assert texts(tree, '//div[@class="live-update__body"]') == ["Notes before we go live."]
    assert not tree.xpath("//@data-live-updates")
    # Readers still cannot reach it.
    client.logout()
    assert client.get(own.get_absolute_url() + "updates.json").status_code == 404
