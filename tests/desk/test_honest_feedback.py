"""The desk is told exactly what happened, with times in the newsroom's time zone."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from lxml import html as lxml_html

from articles.models import Story
from tests.helpers import form_data, texts

NOON_UTC = datetime(2026, 12, 1, 11, 0, tzinfo=UTC)


@pytest.fixture
def berlin(settings):
    settings.TIME_ZONE = "Europe/Berlin"


@pytest.fixture
def draft(make_story, reporter):
    return make_story(
        "Harbour strike enters second week", status=Story.Status.DRAFT, publish_at=None,
        created_by=reporter, dek="Dockers stay out.", authors=["Rita Reporter"],
    )  # fmt: skip


def page(response):
    assert response.status_code == 200, response.status_code
    return lxml_html.fromstring(response.content.decode())


def preview_notice(client, story):
    response = client.get(reverse("admin:articles_story_preview", args=[story.pk]))
    return texts(page(response), "//*[@class='preview-notice']")


def change_url(story):
    return reverse("admin:articles_story_change", args=[story.pk])


@time_machine.travel(NOON_UTC, tick=False)
def test_scheduling_says_when_in_the_newsrooms_time_zone(client, editor, draft, berlin):
    client.force_login(editor)
    data = form_data(
        client.get(change_url(draft)), "story_form",
        publish_at_0="2026-12-01", publish_at_1="13:13", _workflow="schedule",
    )  # fmt: skip

    response = client.post(change_url(draft), data, follow=True)

    messages = texts(page(response), "//ul[@class='messagelist']/li")
    assert "Scheduled “Harbour strike enters second week” for Tue 1 Dec, 13:13." in messages
    draft.refresh_from_db()
    assert draft.publish_at == NOON_UTC + timedelta(hours=1, minutes=13)


def test_publishing_now_says_it_is_live(client, editor, draft):
    client.force_login(editor)
    data = form_data(client.get(change_url(draft)), "story_form", _workflow="publish")

    messages = texts(page(client.post(change_url(draft), data, follow=True)), "//ul[@class='messagelist']/li")

    assert "Published “Harbour strike enters second week”: it is live now." in messages


def test_a_drafts_preview_says_draft_not_published(client, editor, draft):
    client.force_login(editor)

    notice = texts(
        page(client.get(reverse("admin:articles_story_preview", args=[draft.pk]))),
        "//*[@class='preview-notice']",
    )

    assert notice == ["Preview of a draft. Readers cannot see this page."]


@time_machine.travel(NOON_UTC, tick=False)
def test_a_scheduled_storys_preview_says_when(client, editor, make_story, berlin):
    story = make_story("Ferry timetable", publish_at=NOON_UTC + timedelta(hours=2))
    client.force_login(editor)

    notice = texts(
        page(client.get(reverse("admin:articles_story_preview", args=[story.pk]))),
        "//*[@class='preview-notice']",
    )

    assert notice == ["Preview of a story scheduled for Tue 1 Dec, 14:00. Readers cannot see this page."]


def test_live_is_a_status_and_live_coverage_a_type(client, editor, make_story):
    make_story("Election night", story_type=Story.StoryType.LIVE)
    client.force_login(editor)

    tree = page(client.get("/admin/articles/story/"))

    assert texts(tree, "//td[contains(@class, 'field-status_badge')]") == ["Live"]
    assert "Live coverage" in texts(tree, "//details[@data-filter-title='story type']//a")
