"""The editorial workflow through the admin's doors, role by role.

Forged requests are posted straight at the server, as a hand-made form would be:
what a role may not do must fail there, not only be hidden in the page.
"""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.models import Section, Story, StoryTransition
from tests.helpers import form_data, page, texts

PASSWORD = "correct-horse-battery"


def change_url(story):
    return reverse("admin:articles_story_change", args=[story.pk])


CHANGELIST = "/admin/articles/story/"
ADD = "/admin/articles/story/add/"


@pytest.fixture
def login(client):
    def as_(user):
        client.force_login(user)
        return client

    return as_


@pytest.fixture
def draft_by(make_story):
    def make(user, headline="Harbour strike enters second week", status=Story.Status.DRAFT):
        return make_story(headline, status=status, publish_at=None, created_by=user)

    return make


def save_form(client, story, **changes):
    return client.post(change_url(story), form_data(client.get(change_url(story)), "story_form", **changes))


# Reporters


def test_reporter_creates_a_draft_of_their_own(login, reporter, world):
    client = login(reporter)
    data = form_data(
        client.get(ADD),
        "story_form",
        headline="Ferry timetable changes",
        slug="",
        body="<p>New <b>times</b> from Monday.</p><script>alert(1)</script>",
        section=str(world.pk),
    )
    response = client.post(ADD, data)

    story = Story.objects.get(headline="Ferry timetable changes")
    assert response.status_code == 302
    assert story.created_by == reporter
    assert story.status == Story.Status.DRAFT
    assert story.body == "<p>New <strong>times</strong> from Monday.</p>"


def test_reporter_edits_their_own_draft(login, reporter, draft_by):
    story = draft_by(reporter)
    client = login(reporter)

    response = save_form(client, story, headline="Harbour strike ends")

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "Harbour strike ends"


def test_reporter_posting_status_published_leaves_the_story_a_draft(login, reporter, draft_by):
    story = draft_by(reporter)
    client = login(reporter)

    save_form(client, story, status="published", publish_at_0="2020-01-01", publish_at_1="10:00")

    story.refresh_from_db()
    assert story.status == Story.Status.DRAFT
    assert story.publish_at is None
    assert not Story.objects.published().exists()


def test_reporter_cannot_press_a_forged_publish_button(login, reporter, draft_by):
    story = draft_by(reporter)
    client = login(reporter)

    response = save_form(client, story, headline="Changed on the way", _workflow="publish")

    assert response.status_code == 403
    story.refresh_from_db()
    assert story.status == Story.Status.DRAFT
    assert story.headline == "Harbour strike enters second week"  # the whole save was rolled back
    assert not StoryTransition.objects.exists()


def test_reporter_is_offered_submit_but_not_publish(login, reporter, draft_by):
    client = login(reporter)
    tree = page(client.get(change_url(draft_by(reporter))))

    buttons = texts(tree, "//button[@name='_workflow']")
    assert buttons == ["Submit for review"]


def test_reporter_submits_a_story_for_review(login, reporter, draft_by):
    story = draft_by(reporter)
    client = login(reporter)

    response = save_form(client, story, _workflow="submit")

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == Story.Status.IN_REVIEW
    transition = StoryTransition.objects.get(story=story)
    assert (transition.user, transition.from_status, transition.to_status) == (reporter, "draft", "review")
    history = texts(page(client.get(change_url(story))), "//*[contains(@id, 'transitions')]//td")
    assert "rita" in history
    assert "In review" in history


def test_reporter_cannot_edit_their_story_once_submitted(login, reporter, draft_by):
    story = draft_by(reporter, status=Story.Status.IN_REVIEW)
    client = login(reporter)
    form = client.get(change_url(story))
    assert form.status_code == 200  # they may still read it
    assert not page(form).xpath("//input[@name='headline']")

    response = client.post(
        change_url(story), {"headline": "Rewritten after submitting", "section": story.section_id}
    )

    assert response.status_code == 403
    story.refresh_from_db()
    assert story.headline == "Harbour strike enters second week"


def test_reporter_cannot_see_or_edit_another_reporters_story(login, reporter, other_reporter, draft_by):
    story = draft_by(other_reporter)
    client = login(reporter)

    assert client.get(change_url(story)).status_code == 302  # "doesn't exist", back to the index
    client.post(change_url(story), {"headline": "Hijacked", "section": story.section_id})
    listing = client.get(CHANGELIST)

    story.refresh_from_db()
    assert story.headline == "Harbour strike enters second week"
    assert "Harbour strike enters second week" not in listing.content.decode()


def test_reporter_bulk_publish_is_refused(login, reporter, draft_by):
    story = draft_by(reporter)
    client = login(reporter)
    assert "publish_selected" not in client.get(CHANGELIST).content.decode()

    client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [story.pk]})

    story.refresh_from_db()
    assert story.status == Story.Status.DRAFT


def test_reporter_cannot_delete(login, reporter, draft_by):
    story = draft_by(reporter)
    client = login(reporter)

    response = client.post(reverse("admin:articles_story_delete", args=[story.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert Story.objects.filter(pk=story.pk).exists()


# Editors


def test_editor_publishes_a_story_in_review(login, editor, reporter, draft_by, client):
    story = draft_by(reporter, status=Story.Status.IN_REVIEW)
    login(editor)

    save_form(client, story, _workflow="publish")

    story.refresh_from_db()
    assert story.status == Story.Status.PUBLISHED
    client.logout()
    assert client.get(story.get_absolute_url()).status_code == 200


def test_editor_sends_a_story_back_with_a_note(login, editor, reporter, draft_by):
    story = draft_by(reporter, status=Story.Status.IN_REVIEW)
    client = login(editor)

    save_form(client, story, _workflow="send_back", workflow_note="Needs a second source.")

    story.refresh_from_db()
    assert story.status == Story.Status.DRAFT
    assert StoryTransition.objects.get(story=story).note == "Needs a second source."


def test_sending_back_without_a_note_is_refused(login, editor, reporter, draft_by):
    story = draft_by(reporter, status=Story.Status.IN_REVIEW)
    client = login(editor)

    response = save_form(client, story, _workflow="send_back")

    story.refresh_from_db()
    assert story.status == Story.Status.IN_REVIEW
    assert "a note is needed" in client.get(response.url).content.decode()


def test_editor_schedules_a_story_that_goes_live_on_its_own(login, editor, reporter, draft_by, client):
    story = draft_by(reporter, status=Story.Status.IN_REVIEW)
    login(editor)
    at = timezone.localtime() + timedelta(days=2)

    save_form(
        client,
        story,
        publish_at_0=at.strftime("%Y-%m-%d"),
        publish_at_1=at.strftime("%H:%M:%S"),
        _workflow="schedule",
    )

    story.refresh_from_db()
    assert story.status == Story.Status.PUBLISHED
    dashboard = page(client.get("/admin/"))
    assert texts(dashboard, "//section[h2='Scheduled next']//li/a") == [story.headline]
    client.logout()
    assert client.get(story.get_absolute_url()).status_code == 404
    with time_machine.travel(at + timedelta(minutes=1)):
        assert client.get(story.get_absolute_url()).status_code == 200


def test_editor_bulk_publishes_and_unpublishes(login, editor, reporter, draft_by):
    stories = [draft_by(reporter, f"Story {n}", status=Story.Status.IN_REVIEW) for n in range(3)]
    client = login(editor)
    ids = [s.pk for s in stories]

    client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": ids})
    assert Story.objects.published().count() == 3

    client.post(CHANGELIST, {"action": "unpublish_selected", "_selected_action": ids})
    assert not Story.objects.published().exists()
    assert set(Story.objects.values_list("status", flat=True)) == {Story.Status.UNPUBLISHED}


def test_editor_moves_stories_to_another_section(login, editor, reporter, draft_by):
    story = draft_by(reporter)
    business = Section.objects.create(name="Business", slug="business")
    client = login(editor)

    confirm = client.post(CHANGELIST, {"action": "move_to_section", "_selected_action": [story.pk]})
    assert story.headline in confirm.content.decode()
    client.post(
        CHANGELIST,
        {"action": "move_to_section", "_selected_action": [story.pk], "section": business.pk, "apply": "1"},
    )

    story.refresh_from_db()
    assert story.section == business


def test_editor_cannot_delete_a_story(login, editor, make_story):
    story = make_story("Budget passes")
    client = login(editor)

    response = client.post(reverse("admin:articles_story_delete", args=[story.pk]), {"post": "yes"})
    client.post(CHANGELIST, {"action": "delete_selected", "_selected_action": [story.pk], "post": "yes"})

    assert response.status_code == 403
    assert Story.objects.filter(pk=story.pk).exists()


def test_superuser_deletes_a_story(login, superuser, make_story):
    story = make_story("Budget passes")
    client = login(superuser)

    client.post(reverse("admin:articles_story_delete", args=[story.pk]), {"post": "yes"})

    assert not Story.objects.filter(pk=story.pk).exists()


def test_editor_corrects_a_public_story(login, editor, make_story, client):
    story = make_story("Mayor opens bridge", hours_ago=5)
    login(editor)

    response = client.post(
        reverse("admin:articles_story_correct", args=[story.pk]),
        {"kind": "correction", "note": "The bridge is 300 metres long, not 3 kilometres."},
    )

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.display_updated_at is not None
    client.logout()
    article = page(client.get(story.get_absolute_url()))
    assert texts(article, "//aside[contains(@class, 'story__corrections')]//li")[0].endswith(
        "The bridge is 300 metres long, not 3 kilometres."
    )
    assert texts(article, "//span[@class='story__updated']")


def test_reporter_cannot_add_a_correction(login, reporter, make_story):
    story = make_story("Mayor opens bridge", created_by=reporter)
    client = login(reporter)

    response = client.post(
        reverse("admin:articles_story_correct", args=[story.pk]), {"kind": "correction", "note": "Forged"}
    )

    assert response.status_code == 403
    assert not story.corrections.exists()


# The list and the dashboard


def test_the_story_list_shows_status_badges(login, editor, make_story):
    make_story("Live one")
    make_story("Later one", publish_at=timezone.now() + timedelta(hours=3))
    make_story("Held one", embargo_until=timezone.now() + timedelta(hours=3))
    client = login(editor)

    badges = texts(page(client.get(CHANGELIST)), "//span[contains(@class, 'badge')]")

    assert sorted(badges) == ["Embargoed", "Live", "Scheduled"]


def test_the_publication_filter_finds_embargoed_stories(login, editor, make_story):
    make_story("Live one")
    make_story("Held one", embargo_until=timezone.now() + timedelta(hours=3))
    client = login(editor)

    rows = texts(
        page(client.get(CHANGELIST + "?publication=embargoed")), "//th[contains(@class,'field-headline')]"
    )

    assert rows == ["Held one"]


def test_the_dashboard_shows_each_desk(login, editor, reporter, draft_by, make_story):
    draft_by(editor, "Edna's own draft")
    draft_by(reporter, "Rita's copy for review", status=Story.Status.IN_REVIEW)
    make_story("Out this morning")
    make_story("Out tomorrow", publish_at=timezone.now() + timedelta(days=1))
    client = login(editor)

    tree = page(client.get("/admin/"))

    def desk(heading):
        return texts(tree, f"//section[h2='{heading}']//li/a")

    assert desk("My drafts") == ["Edna's own draft"]
    assert desk("Waiting for review") == ["Rita's copy for review"]
    assert desk("Scheduled next") == ["Out tomorrow"]
    assert desk("Recently published") == ["Out this morning"]


def test_reporters_dashboard_shows_only_their_work(login, reporter, other_reporter, draft_by):
    draft_by(reporter, "Mine")
    draft_by(other_reporter, "Not mine")
    client = login(reporter)

    tree = page(client.get("/admin/"))

    assert texts(tree, "//section[h2='My drafts']//li/a") == ["Mine"]
    assert "Not mine" not in tree.text_content()


def test_view_on_site_is_offered_only_for_public_stories(login, editor, make_story):
    live = make_story("Live one")
    later = make_story("Later one", publish_at=timezone.now() + timedelta(hours=3))
    client = login(editor)

    def view_on_site_links(story):
        return page(client.get(change_url(story))).xpath("//a[contains(@class, 'viewsitelink')]")

    assert view_on_site_links(live)
    assert not view_on_site_links(later)


def test_tags_autocomplete_finds_existing_topics(login, reporter, make_story):
    make_story("Tagged", tags=["Climate", "Elections"])
    client = login(reporter)

    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "story", "field_name": "tags", "term": "clim"},
    )

    assert [item["text"] for item in response.json()["results"]] == ["Climate"]


# Query budgets: the same number of queries for any number of stories.


@pytest.mark.parametrize("stories", [2, 12])
def test_the_story_list_has_a_fixed_query_budget(
    login, editor, make_story, django_assert_num_queries, stories
):
    for n in range(stories):
        make_story(f"Story {n}", authors=["Ann Lee"], tags=["Harbour"])
    client = login(editor)
    # session, user, user and group permissions, section filter, author filter,
    # two counts (filtered, total), the page of stories with their section, and
    # the bylines of the page's stories with their authors.
    with django_assert_num_queries(10):
        client.get(CHANGELIST)


@pytest.mark.parametrize("stories", [2, 12])
def test_the_dashboard_has_a_fixed_query_budget(
    login, editor, make_story, django_assert_num_queries, stories
):
    for n in range(stories):
        make_story(f"Story {n}", publish_at=timezone.now() + timedelta(hours=n - 6))
    client = login(editor)
    # session, user, user and group permissions; the desk's counts (one query); the lists
    # waiting for review, scheduled, embargoed, recently published and my drafts; wire updates
    # waiting and their count; corrections today and their count; recent actions.
    with django_assert_num_queries(15):
        client.get("/admin/")
