"""A live story in Chromium: a new update added on the server is announced by a
"1 new update" button, without moving what the reader is looking at, and comes
in at the top when pressed, with no reload and no CSP violation."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from articles.models.live import add_update, set_coverage_open
from tests.browser.sessions import log_in
from tests.live import add, live_story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def story(make_story, settings):
    settings.NEWSROOM_LIVE_POLL_SECONDS = 1
    story = live_story(make_story, body="<p>" + "Background to the storm. " * 200 + "</p>")
    for minute in range(6):
        add(story, f"Earlier update {minute}.", minutes_ago=60 - minute)
    return story


def reader_page(browser, live_server, story, *, javascript=True):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(15_000)
    violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    page.goto(f"{live_server.url}{story.get_absolute_url()}")
    return page, violations


def test_a_new_update_is_offered_then_shown_without_a_reload(browser, live_server, story):
    page, violations = reader_page(browser, live_server, story)
    page.evaluate("window.stillTheSamePage = true")
    page.locator("#live-heading").scroll_into_view_if_needed()
    scrolled = page.evaluate("window.scrollY")
    # The page has asked once and been told of nothing new (and may keep that answer for max-age).
    with page.expect_response(lambda response: response.url.endswith("updates.json")):
        pass

    add_update(story, body="The storm moves inland.")

    button = page.get_by_role("button", name="1 new update")
    button.wait_for(state="visible")
    # Announced, not pushed into the page under the reader.
    assert page.locator(".live-update", has_text="The storm moves inland.").count() == 0
    assert page.evaluate("window.scrollY") == scrolled
    assert page.get_by_role("status").filter(has_text="1 new update").count() == 1  # for screen readers

    button.click()
    first = page.locator("[data-live-list] > .live-update").first
    assert "The storm moves inland." in first.inner_text()
    assert page.locator("[data-live-list] > .live-update").count() == 7
    assert page.evaluate("window.stillTheSamePage") is True
    assert not button.is_visible()
    assert violations == []


def test_a_correction_is_offered_in_place(browser, live_server, story):
    page, _ = reader_page(browser, live_server, story)
    update = story.live_updates.get(body__contains="Earlier update 5.")

    update.correct(body="<p>Earlier update five, corrected.</p>", note="The count was wrong.")

    page.get_by_role("button", name="1 update corrected").click()
    item = page.locator(f"#update-{update.pk}")
    assert "Earlier update five, corrected." in item.inner_text()
    assert "The count was wrong." in item.inner_text()


def test_closing_the_coverage_takes_the_live_marker_away(browser, live_server, story):
    page, _ = reader_page(browser, live_server, story)
    assert page.locator("[data-live-marker]").is_visible()

    set_coverage_open(story, False)

    page.get_by_text("The live coverage has ended.").wait_for()
    assert not page.locator("[data-live-marker]").is_visible()


def test_without_javascript_the_page_has_every_update(browser, live_server, story):
    page, _ = reader_page(browser, live_server, story, javascript=False)

    assert page.locator("[data-live-list] > .live-update").count() == 6
    assert page.locator(".live-marker").is_visible()
    assert not page.locator("[data-live-prompt]").is_visible()


def test_an_editor_adds_and_pins_from_the_story_page_in_the_browser(browser, live_server, editor, story):
    page = log_in(browser, live_server, editor)
    page.goto(f"{live_server.url}/admin/articles/story/{story.pk}/change/")
    page.fill("#id_live-body", "Power is back in the old town.")
    page.check("#id_live-is_key_event")
    page.click("#live-add-form input[type=submit]")
    page.get_by_text("The update is published.").wait_for()

    added = story.live_updates.get(body__contains="Power is back")
    assert added.is_key_event
    serious = [
        violation["id"]
        for violation in Axe().run(page, context="#live-desk").response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert serious == []
