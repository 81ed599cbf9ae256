"""Promoting a "More on this" suggestion to a related link from the story's change page:
the button belongs to the change form, so what the editor typed is saved, never lost."""

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from articles.models import Story
from tests.helpers import form_data, page, texts

RELATED_NEWS = "//section[h2='Related News']//li/a"
# The story form's URL fields warn about Django 6's "https" default; not this page's business.
pytestmark = pytest.mark.filterwarnings("ignore:The default scheme will be changed")


def change_url(story):
    return reverse("admin:articles_story_change", args=[story.pk])


@pytest.fixture
def story(make_story):
    make_story("Suggested automatically", tags=["Trade"])
    return make_story("Ministers discuss tariffs", tags=["Trade"])


def press_add_to_related_links(client, story, suggestion, **changes):
    """Type ``changes`` into the form, then press "Add to related links" beside ``suggestion``."""
    form = client.get(change_url(story))
    [button] = page(form).xpath(f"//li[a='{suggestion}']/button[.='Add to related links']")
    assert button.get("formaction") is None  # it submits the change form itself
    data = form_data(form, "story_form", **changes, **{button.get("name"): button.get("value")})
    return client.post(change_url(story), data, follow=True)


def test_adding_a_suggestion_keeps_what_the_editor_typed(client, editor, story):
    client.force_login(editor)

    response = press_add_to_related_links(
        client, story, "Suggested automatically", headline="Ministers agree on tariffs", dek="A deal at last."
    )

    assert (
        "Your edits are saved, and “Suggested automatically” is now a related link."
        in response.content.decode()
    )
    story.refresh_from_db()
    assert (story.headline, story.dek) == ("Ministers agree on tariffs", "A deal at last.")
    assert [link.target.headline for link in story.related_links.all()] == ["Suggested automatically"]
    assert texts(page(client.get(story.get_absolute_url())), RELATED_NEWS) == ["Suggested automatically"]


def test_a_form_with_errors_comes_back_with_the_text_and_adds_nothing(client, editor, story):
    client.force_login(editor)

    response = press_add_to_related_links(
        client, story, "Suggested automatically", headline="", dek="Half a thought"
    )

    assert texts(page(response), "//textarea[@name='dek']") == ["Half a thought"]
    assert page(response).xpath("//*[contains(@class, 'errorlist')]")
    story.refresh_from_db()
    assert story.headline == "Ministers discuss tariffs"
    assert not story.related_links.exists()


def test_a_forged_target_readers_cannot_see_is_not_linked(client, editor, story, make_story):
    draft = make_story("Draft on trade", tags=["Trade"], status=Story.Status.DRAFT)
    client.force_login(editor)
    data = form_data(
        client.get(change_url(story)), "story_form", headline="Ministers agree", _promote_related=draft.pk
    )

    response = client.post(change_url(story), data, follow=True)

    assert "that story is not public, so it was not linked" in response.content.decode()
    story.refresh_from_db()
    assert story.headline == "Ministers agree"
    assert not story.related_links.exists()


def test_staff_who_may_only_view_cannot_promote(client, story):
    onlooker = User.objects.create_user("onlooker", password="pw", is_staff=True)
    onlooker.user_permissions.add(Permission.objects.get(codename="view_story"))
    client.force_login(onlooker)
    suggested = Story.objects.get(headline="Suggested automatically")

    response = client.post(change_url(story), {"headline": "Mine now", "_promote_related": suggested.pk})

    assert response.status_code in (403, 404)  # the policy hides stories they may not work on
    assert not story.related_links.exists()
