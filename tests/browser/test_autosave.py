"""Autosave in Chromium: a reporter types, the tab is closed, and on their return the
text is offered back and restored into the form, the body editor included."""

import pytest

from articles.models import Story
from tests.browser.sessions import log_in
from tests.browser.test_story_editor import serious_violations, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reporters_text_comes_back_after_the_tab_is_closed(browser, live_server, reporter, world):
    page = log_in(browser, live_server, reporter)
    add = f"{live_server.url}/admin/articles/story/add/"
    page.goto(add)
    page.fill("#id_headline", "Tram depot to close in May")
    page.locator(".ql-editor").click()
    page.keyboard.type("The depot on Harbour Road shuts after ninety years.")
    page.locator(".autosave-status", has_text="Unsaved text kept for you at").wait_for()
    context = page.context
    page.close()

    page = context.new_page()
    page.goto(add)
    notice = page.locator(".autosave-notice")
    assert "You have unsaved text from" in notice.inner_text()
    assert page.input_value("#id_headline") == ""
    shoot(page, "editor-autosave-notice-1366")
    assert serious_violations(page) == []
    page.click("text=Restore my unsaved text")
    page.locator(".autosave-status", has_text="Your unsaved text is back in the form").wait_for()

    assert page.input_value("#id_headline") == "Tram depot to close in May"
    assert page.inner_text(".ql-editor") == "The depot on Harbour Road shuts after ninety years."
    assert notice.count() == 0
    assert not Story.objects.exists()  # only the working copy was kept, never a story

    page.select_option("#id_section", str(world.pk))
    page.click("button[name=_continue]")
    page.wait_for_selector(".messagelist")
    story = Story.objects.get()
    assert story.headline == "Tram depot to close in May"
    assert "ninety years" in story.body
    page.goto(add)
    assert page.locator(".autosave-notice").count() == 0  # saving used up the working copy
