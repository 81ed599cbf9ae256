"""The story list: what needs the person first, queues as tabs, search by headline, byline and slug."""

from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import html as lxml_html

from articles.models import Story
from tests.helpers import texts

LIST = "/admin/articles/story/"


def headlines(client, query=""):
    response = client.get(LIST + query)
    assert response.status_code == 200
    tree = lxml_html.fromstring(response.content.decode())
    return texts(tree, "//tbody//th[contains(@class, 'field-headline')]")


@pytest.fixture
def desk(make_story, reporter):
    soon = timezone.now() + timedelta(hours=2)
    return {
        "live": make_story("Live story", hours_ago=1, created_by=reporter),
        "draft": make_story("Draft story", status=Story.Status.DRAFT, publish_at=None, created_by=reporter),
        "review": make_story(
            "Review story", status=Story.Status.IN_REVIEW, publish_at=None, created_by=reporter
        ),
        "scheduled": make_story("Scheduled story", publish_at=soon, created_by=reporter),
        "unpublished": make_story("Unpublished story", status=Story.Status.UNPUBLISHED, created_by=reporter),
        "older live": make_story("Older live story", hours_ago=5, created_by=reporter),
    }


def test_editors_see_what_waits_for_review_then_what_is_scheduled_first(client, editor, desk):
    client.force_login(editor)

    assert headlines(client) == [
        "Review story", "Scheduled story", "Draft story",
        "Live story", "Older live story", "Unpublished story",
    ]  # fmt: skip


def test_reporters_see_their_drafts_first(client, reporter, desk):
    client.force_login(reporter)

    assert headlines(client) == [
        "Draft story", "Review story", "Scheduled story",
        "Live story", "Older live story", "Unpublished story",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "queue, expected",
    [
        ("review", ["Review story"]),
        ("scheduled", ["Scheduled story"]),
        ("live", ["Live story", "Older live story"]),
        ("unpublished", ["Unpublished story"]),
    ],
)
def test_each_tab_shows_its_queue(client, editor, desk, queue, expected):
    client.force_login(editor)

    assert headlines(client, f"?queue={queue}") == expected


def test_mine_is_what_the_editor_created_or_bylined(client, editor, desk, make_story):
    make_story("Edna's own story", created_by=editor)
    client.force_login(editor)

    assert headlines(client, "?queue=mine") == ["Edna's own story"]


def test_search_finds_by_byline_and_by_slug(client, editor, make_story):
    make_story("Harbour strike", authors=["Priya Halloran"], slug="dockers-walk-out")
    make_story("Ferry timetable", authors=["Marcus Threlkeld"])
    client.force_login(editor)

    assert headlines(client, "?q=halloran") == ["Harbour strike"]
    assert headlines(client, "?q=dockers-walk") == ["Harbour strike"]
    assert headlines(client, "?q=timetable") == ["Ferry timetable"]
