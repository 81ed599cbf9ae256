"""A reporter writes in the rich-text editor and submits; an editor publishes; readers see it."""

import pytest

from articles.models import Story
from tests.browser.sessions import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_story_goes_from_the_reporters_editor_to_the_public_page(
    browser, live_server, reporter, editor, world
):
    page = log_in(browser, live_server, reporter)
    page.goto(f"{live_server.url}/admin/articles/story/add/")
    page.fill("#id_headline", "Lighthouse keeper retires after forty years")
    page.select_option("#id_section", str(world.pk))

    editor_box = page.locator(".ql-editor")
    editor_box.click()
    page.keyboard.type("The lamp will be automated next spring.")
    page.keyboard.press("Enter")
    page.click(".ql-header .ql-picker-label")
    page.click(".ql-header .ql-picker-item[data-value='2']")
    page.keyboard.type("A life by the sea")
    page.keyboard.press("Enter")
    page.click("button.ql-blockquote")
    page.keyboard.type("I never missed a night.")
    page.click("button[name=_workflow][value=submit]")
    page.wait_for_selector(".preview-notice")  # the reporter lands on the story as readers will see it

    story = Story.objects.get(headline="Lighthouse keeper retires after forty years")
    assert story.status == Story.Status.IN_REVIEW
    assert "<h2>A life by the sea</h2>" in story.body
    assert "<blockquote>I never missed a night.</blockquote>" in story.body

    page = log_in(browser, live_server, editor)
    page.goto(f"{live_server.url}/admin/")
    page.click("section:has(h2:text('Waiting for review')) >> text=Lighthouse keeper retires")
    page.click("button[name=_workflow][value=publish]")
    page.wait_for_selector(".messagelist")

    story.refresh_from_db()
    reader = browser.new_context().new_page()
    response = reader.goto(f"{live_server.url}{story.get_absolute_url()}")
    assert response.status == 200
    assert reader.inner_text("h1") == "Lighthouse keeper retires after forty years"
    assert reader.inner_text(".story__body h2") == "A life by the sea"
    assert reader.inner_text(".story__body blockquote") == "I never missed a night."
