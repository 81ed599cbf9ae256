"""Revision history in the admin: every save keeps a version; editors compare and restore."""

import pytest
from django.urls import reverse

from articles.models import Story
from tests.helpers import form_data, page, texts


def change_url(story):
    return reverse("admin:articles_story_change", args=[story.pk])


def versions_url(story):
    return reverse("admin:articles_story_versions", args=[story.pk])


@pytest.fixture
def edited_story(client, editor, make_story):
    """A live story an editor saved twice in the admin."""
    story = make_story(
        "Council approves <new> budget",
        body="<p>The council met on Monday.</p><p>The vote was 7 to 2.</p>",
    )
    client.force_login(editor)
    for headline, body in [
        ("Council approves <new> budget", "<p>The council met on Monday.</p><p>The vote was 7 to 2.</p>"),
        (
            "Council approves budget & tax rise",
            "<p>The council met on Monday.</p><p>The vote was 6 to 3.</p>",
        ),
    ]:
        data = form_data(client.get(change_url(story)), "story_form", headline=headline, body=body)
        assert client.post(change_url(story), data).status_code == 302
    story.refresh_from_db()
    return story


def version_ids(client, story):
    return page(client.get(versions_url(story))).xpath("//input[@name='newer']/@value")


def test_every_admin_save_keeps_a_version(client, edited_story):
    rows = texts(page(client.get(versions_url(edited_story))), "//table[@class='versions']/tbody/tr/td[4]")

    assert rows == ["edna", "edna"]


def test_an_editor_compares_two_versions_as_a_readable_diff(client, edited_story):
    newer, older = version_ids(client, edited_story)

    response = client.get(
        reverse("admin:articles_story_compare", args=[edited_story.pk]), {"older": older, "newer": newer}
    )

    tree = page(response)
    assert texts(tree, "//ol[@class='version-diff']/li[@class='removed']") == [
        "Council approves <new> budget",
        "<p>The vote was 7 to 2.</p>",
    ]
    assert texts(tree, "//ol[@class='version-diff']/li[@class='added']") == [
        "Council approves budget & tax rise",
        "<p>The vote was 6 to 3.</p>",
    ]
    assert texts(tree, "//ol[@class='version-diff']/li[@class='same']") == [
        "<p>The council met on Monday.</p>"
    ]
    # Shown as text, never as markup.
    assert b"&lt;new&gt;" in response.content
    assert b"<new>" not in response.content


def test_an_editor_restores_an_older_version(client, edited_story):
    _newer, older = version_ids(client, edited_story)

    response = client.post(
        reverse("admin:articles_story_restore", args=[edited_story.pk]), {"version": older}
    )

    assert response.status_code == 302
    edited_story.refresh_from_db()
    assert edited_story.headline == "Council approves <new> budget"
    assert "7 to 2" in edited_story.body
    assert edited_story.status == Story.Status.PUBLISHED
    assert len(version_ids(client, edited_story)) == 3  # the restore is itself a version


def test_a_reporter_cannot_restore_on_someone_elses_story(client, edited_story, reporter):
    _newer, older = version_ids(client, edited_story)
    client.force_login(reporter)

    response = client.post(
        reverse("admin:articles_story_restore", args=[edited_story.pk]), {"version": older}
    )

    assert response.status_code == 404
    edited_story.refresh_from_db()
    assert edited_story.headline == "Council approves budget & tax rise"
