"""History in Chromium: an editor compares two versions that differ by one word, sees
only that word marked, and restores the older one after being told what will change."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Story
from tests.browser.sessions import log_in
from tests.browser.test_story_editor import serious_violations, shoot
from tests.helpers import form_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = (
    "<p>The harbour ferry will run every twenty minutes from Monday, the operator said.</p>"
    "<p>Tickets stay at two pounds.</p>"
)


def saved_twice(editor, make_story):
    """A live story an editor saved in the admin, then saved again with one word changed."""
    story = make_story("Ferry runs more often", body=BODY, dek="More boats at rush hour.")
    client = Client()
    client.force_login(editor)
    url = reverse("admin:articles_story_change", args=[story.pk])
    for body in (BODY, BODY.replace("twenty", "fifteen")):
        assert client.post(url, form_data(client.get(url), "story_form", body=body)).status_code == 302
    return story


def test_an_editor_sees_only_the_changed_word_and_restores_with_confirmation(
    browser, live_server, editor, make_story
):
    story = saved_twice(editor, make_story)
    page = log_in(browser, live_server, editor)
    page.goto(f"{live_server.url}/admin/articles/story/{story.pk}/change/")
    page.click("text=Versions")

    page.click("input[value='Compare versions']")

    assert page.locator(".version-diff del").all_inner_texts() == ["twenty"]
    assert page.locator(".version-diff ins").all_inner_texts() == ["fifteen"]
    assert page.locator("#content h2").all_inner_texts() == ["Body"]
    shoot(page, "diff-1366")
    assert serious_violations(page) == []

    page.click("text=Restore the older version…")
    assert page.locator("h1").inner_text().startswith("Restore the version of ")
    assert page.locator(".version-diff del").all_inner_texts() == ["fifteen"]  # what goes
    assert page.locator(".version-diff ins").all_inner_texts() == ["twenty"]  # what comes back
    story.refresh_from_db()
    assert "fifteen" in story.body  # nothing happens before the answer
    shoot(page, "restore-1366")
    assert serious_violations(page) == []

    page.click("input[value='Yes, restore this version']")
    page.wait_for_selector(".messagelist")

    assert page.inner_text(".messagelist").startswith("Restored the version of ")
    story.refresh_from_db()
    assert "every twenty minutes" in story.body
    assert story.status == Story.Status.PUBLISHED
