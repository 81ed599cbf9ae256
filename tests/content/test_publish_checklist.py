"""The publish checklist through every door: the workflow verbs, the admin's
buttons, the bulk action and ``import_stories --publish``."""

import json
from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from articles import checklist, workflow
from articles.models import RelatedLink, Story, StoryTransition
from articles.workflow import ChecklistFailed
from tests.helpers import form_data
from tests.importing import import_stories


@pytest.fixture
def draft(make_story, reporter):
    def make(headline="Tram line opens", **fields):
        fields.setdefault("dek", "The first trams run on Monday.")
        fields.setdefault("authors", ["Rita Reporter"])
        return make_story(headline, status=Story.Status.DRAFT, publish_at=None, created_by=reporter, **fields)

    return make


def test_a_story_without_a_body_is_not_published(draft, editor):
    story = draft(body="")

    with pytest.raises(ChecklistFailed, match="no body"):
        workflow.publish(story, editor)

    story.refresh_from_db()
    assert story.status == Story.Status.DRAFT
    assert not StoryTransition.objects.exists()


def test_a_headline_too_long_for_the_front_page_is_not_scheduled(draft, editor):
    story = draft("Council " * 12)  # 96 characters

    with pytest.raises(ChecklistFailed, match="at most 90"):
        workflow.schedule(story, editor, timezone.now() + timedelta(hours=1))

    assert not Story.objects.scheduled().exists()


def test_a_missing_standfirst_only_warns_by_default(draft, editor):
    story = draft(dek="")

    transition = workflow.publish(story, editor)

    assert Story.objects.published().get() == story
    assert [item.key for item in transition.warnings] == ["standfirst"]


def test_the_newsroom_can_make_a_standfirst_required(draft, editor, settings):
    settings.NEWSROOM_PUBLISH_CHECKLIST = {"standfirst": "block"}
    story = draft(dek="")

    with pytest.raises(ChecklistFailed, match="no standfirst"):
        workflow.publish(story, editor)


def test_a_check_can_be_turned_off(draft, editor, settings):
    settings.NEWSROOM_PUBLISH_CHECKLIST = {"body": "off"}

    workflow.publish(draft(body=""), editor)

    assert Story.objects.published().count() == 1


def test_an_unknown_check_in_the_setting_is_named(draft, settings):
    settings.NEWSROOM_PUBLISH_CHECKLIST = {"bdoy": "block"}

    with pytest.raises(checklist.ChecklistSettingError, match="bdoy"):
        checklist.run(draft())


def test_the_setting_is_read_from_the_environment(monkeypatch):
    from newsroom.settings import env_levels

    monkeypatch.setenv("NEWSROOM_PUBLISH_CHECKLIST", "standfirst=block, byline=warn")
    assert env_levels("NEWSROOM_PUBLISH_CHECKLIST") == {"standfirst": "block", "byline": "warn"}
    monkeypatch.setenv("NEWSROOM_PUBLISH_CHECKLIST", "standfirst")
    with pytest.raises(ImproperlyConfigured, match="check=level"):
        env_levels("NEWSROOM_PUBLISH_CHECKLIST")


def test_a_related_link_to_a_draft_blocks_publishing(draft, editor):
    hidden = draft("Budget leak, not yet checked")
    story = draft()
    RelatedLink.objects.create(story=story, target=hidden)

    with pytest.raises(ChecklistFailed, match="Budget leak, not yet checked"):
        workflow.publish(story, editor)


def test_a_body_link_to_a_draft_address_blocks_and_to_a_public_one_passes(draft, make_story, editor):
    hidden = draft("Budget leak, not yet checked")
    public = make_story("Budget passes")
    link = '<p>See <a href="{}">this</a>.</p>'

    story = draft(body=link.format("https://news.example.org" + hidden.get_absolute_url()))
    with pytest.raises(ChecklistFailed, match="Budget leak"):
        workflow.publish(story, editor)

    story = draft("Tram line opens again", body=link.format(public.get_absolute_url()))
    workflow.publish(story, editor)
    assert story.is_public()


# The admin's doors


def change_url(story):
    return reverse("admin:articles_story_change", args=[story.pk])


def test_the_publish_button_refuses_an_empty_story_and_says_why(client, draft, editor):
    story = draft(body="")
    client.force_login(editor)

    data = form_data(client.get(change_url(story)), "story_form", _workflow="publish")
    response = client.post(change_url(story), data, follow=True)

    story.refresh_from_db()
    assert story.status == Story.Status.DRAFT
    assert "was not published: The story has no body." in response.content.decode()


def test_the_bulk_publish_action_skips_an_empty_story_and_says_why(client, draft, editor):
    empty, ready = draft("Empty one", body=""), draft("Ready one")
    client.force_login(editor)

    response = client.post(
        "/admin/articles/story/",
        {"action": "publish_selected", "_selected_action": [empty.pk, ready.pk]},
        follow=True,
    )

    assert list(Story.objects.published()) == [ready]
    assert "“Empty one” was not published: The story has no body." in response.content.decode()


def test_the_checklist_endpoint_reads_the_form_as_typed(client, draft, editor):
    story = draft()
    client.force_login(editor)
    data = form_data(client.get(change_url(story)), "story_form", body="", dek="")

    answer = client.post(reverse("admin:articles_story_checklist"), data).json()

    items = {item["key"]: item for item in answer["items"]}
    assert answer["may_publish"] is False
    assert (items["body"]["passed"], items["body"]["level"]) == (False, "block")
    assert (items["standfirst"]["passed"], items["standfirst"]["level"]) == (False, "warn")
    assert items["byline"]["passed"] is True  # the byline row in the form


# Imports


def ninjs(folder, name, headline):
    item = {
        "uri": f"urn:checklist:{name}", "type": "text", "version": "1",
        "headlines": [{"role": "main", "value": headline}],
        "by": "Wire Reporter",
        "bodies": [{"role": "main", "contentType": "text/html", "value": "<p>The ferry runs again.</p>"}],
    }  # fmt: skip
    path = folder / f"{name}.json"
    path.write_text(json.dumps(item), encoding="utf-8")
    return path


def test_import_publish_refuses_a_long_headline_and_publishes_one_without_standfirst(tmp_path, world, db):
    ninjs(tmp_path, "long", "Ferry " * 20)
    ninjs(tmp_path, "short", "Ferry runs again")

    run = import_stories(tmp_path, "--publish")

    assert not run.ok
    assert "was not published: The headline is 119 characters; a front page shows at most 90." in run.err
    assert list(Story.objects.published().values_list("headline", flat=True)) == ["Ferry runs again"]
