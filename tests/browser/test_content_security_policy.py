"""Under the strict Content-Security-Policy the admin and the story editor still work, and
Chromium reports no violation on any page."""

import pytest

from articles.models import Story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"


def watched_page(browser):
    """A page, and the list of CSP violations Chromium reports in its console."""
    page = browser.new_context().new_page()
    page.set_default_timeout(15_000)
    violations = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and violations.append(message.text),
    )
    return page, violations


def test_the_story_editor_loads_and_saves_under_the_policy(browser, live_server, editor, world):
    page, violations = watched_page(browser)
    login = page.goto(f"{live_server.url}/admin/login/")
    assert "'unsafe-inline'" not in login.headers["content-security-policy"]
    page.fill("#id_username", editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#content-main")

    page.goto(f"{live_server.url}/admin/articles/story/add/")
    page.fill("#id_headline", "Night ferry returns to the harbour")
    page.select_option("#id_section", str(world.pk))
    page.locator(".ql-editor").click()
    page.click("button.ql-bold")
    page.keyboard.type("Sailings resume on Friday.")
    page.click("button[name=_continue]")  # "Save draft"
    page.wait_for_selector(".messagelist")

    story = Story.objects.get(headline="Night ferry returns to the harbour")
    assert "<strong>Sailings resume on Friday.</strong>" in story.body

    # The saved story opens in the editor again, with its text in Quill.
    page.goto(f"{live_server.url}/admin/articles/story/{story.pk}/change/")
    assert page.inner_text(".ql-editor strong") == "Sailings resume on Friday."
    assert violations == []


def test_admin_pages_and_the_article_page_raise_no_violation(browser, live_server, superuser, make_story):
    story = make_story("Lighthouse gets a new lamp", tags=["Harbour"], authors=["Ana Lopez"])
    page, violations = watched_page(browser)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", superuser.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#content-main")

    for path in [
        "/admin/",
        "/admin/articles/story/",
        f"/admin/articles/story/{story.pk}/change/",
        "/admin/articles/section/add/",
        "/admin/auth/user/",
        "/admin/axes/accesslog/",
        story.get_absolute_url(),  # carries JSON-LD: data, which CSP leaves alone
    ]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        page.wait_for_load_state("load")
    assert page.locator("script[type='application/ld+json']").count() == 1
    assert violations == []
