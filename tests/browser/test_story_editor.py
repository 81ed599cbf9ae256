"""The story editor as a person uses it in Chromium: the checklist stops an empty
story, the editor fixes it and schedules it and reads when it goes out; a reporter
submits and lands on the preview. Screenshots of the desk's pages are saved under
docs/screenshots/admin/ and checked with axe-core."""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from articles import workflow
from articles.models import Author, Story
from tests.browser.sessions import log_in
from wire.models import HeldUpdate, ImportRecord

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The screenshots the project keeps are refreshed on purpose (NEWSROOM_SAVE_SCREENSHOTS=1),
# so that an ordinary run leaves the checkout as it was.
KEPT_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "admin"
SCREENSHOTS = (
    KEPT_SCREENSHOTS
    if os.environ.get("NEWSROOM_SAVE_SCREENSHOTS")
    else Path(tempfile.gettempdir()) / "newsroom-screenshots"
)
SERIOUS = {"serious", "critical"}


def serious_violations(page):
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}) {[node['target'] for node in violation['nodes']]}"
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]


def shoot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_the_checklist_blocks_an_empty_story_until_it_is_written_then_it_is_scheduled(
    browser, live_server, editor, world
):
    Author.objects.create(name="Edna Editor", slug="edna-editor", user=editor)
    page = log_in(browser, live_server, editor)
    page.goto(f"{live_server.url}/admin/articles/story/add/")
    page.fill("#id_headline", "Night ferry returns to the harbour")
    page.select_option("#id_section", str(world.pk))

    body_check = page.locator(".check", has_text="Body written")
    body_check.and_(page.locator(".check--block")).wait_for()  # the panel says so before saving
    page.click("button[name=_workflow][value=publish]")
    page.wait_for_selector(".messagelist")
    assert "was not published: The story has no body." in page.inner_text(".messagelist")
    story = Story.objects.get(headline="Night ferry returns to the harbour")
    assert story.status == Story.Status.DRAFT

    page.locator(".ql-editor").click()
    page.keyboard.type("The night ferry sails again from Monday.")
    page.fill("#id_dek", "After two years, the last boat home is back.")
    body_check.and_(page.locator(".check--ok")).wait_for()
    at = timezone.localtime(timezone.now() + timedelta(days=1)).replace(hour=13, minute=13)
    page.fill("#id_publish_at_0", at.strftime("%Y-%m-%d"))
    page.fill("#id_publish_at_1", "13:13")
    page.locator("#id_publish_at_1").dispatch_event("change")
    primary = page.locator("button.story-button--primary")
    assert primary.inner_text().startswith("Schedule for ")
    shoot(page, "editor-1366")
    assert serious_violations(page) == [], serious_violations(page)
    primary.click()
    page.wait_for_selector(".messagelist")

    expected = f"Scheduled “Night ferry returns to the harbour” for {at:%a} {at.day} {at:%b}, 13:13."
    assert expected in page.inner_text(".messagelist")
    story.refresh_from_db()
    assert story.status == Story.Status.PUBLISHED and story.publish_at > timezone.now()


def test_a_reporter_submits_and_sees_the_preview(browser, live_server, reporter, world):
    Author.objects.create(name="Rita Reporter", slug="rita-reporter", user=reporter)
    page = log_in(browser, live_server, reporter)
    page.goto(f"{live_server.url}/admin/articles/story/add/")
    assert page.locator("#id_bylines-0-author option:checked").inner_text() == "Rita Reporter"
    page.fill("#id_headline", "Lighthouse keeper retires")
    page.select_option("#id_section", str(world.pk))
    page.locator(".ql-editor").click()
    page.keyboard.type("The lamp will be automated next spring.")

    page.click("button[name=_workflow][value=submit]")
    page.wait_for_selector(".preview-notice")

    assert page.inner_text("h1") == "Lighthouse keeper retires"
    assert page.inner_text(".preview-notice") == "Preview of a story in review. Readers cannot see this page."
    assert "Submitted “Lighthouse keeper retires” for review" in page.inner_text(".preview-messages")


def test_the_desks_pages_look_right_and_pass_axe(browser, live_server, editor, reporter, make_story):
    for number in range(18):
        make_story(
            f"Harbour council story number {number} about the ferry timetable", authors=["Priya Halloran"]
        )
    make_story(
        "Budget vote waits for review", status=Story.Status.IN_REVIEW, publish_at=None, authors=["Rita"]
    )
    story = make_story("Tram line opens", status=Story.Status.DRAFT, publish_at=None, created_by=reporter)
    make_story("Port strike called off", publish_at=timezone.now() + timedelta(hours=2))
    make_story("Audit findings", embargo_until=timezone.now() + timedelta(hours=5))
    make_story("Rita's story on the tram fares", created_by=reporter)
    corrected = make_story("Bridge repairs finish early")
    workflow.correct(corrected, editor, "The bridge reopens on Friday, not Thursday.")
    record = ImportRecord.objects.create(
        story=corrected, format="ninjs", guid="urn:1", origin="f", checksum="a"
    )
    HeldUpdate.objects.create(story=corrected, record=record, item={}, version="2", checksum="b", origin="f")
    problems = []
    for name, path, width in [
        ("list-1366", "/admin/articles/story/", 1366),
        ("list-390", "/admin/articles/story/", 390),
        ("dashboard-editor-1366", "/admin/", 1366),
        ("editor-draft-1366", f"/admin/articles/story/{story.pk}/change/", 1366),
        ("editor-390", f"/admin/articles/story/{story.pk}/change/", 390),
    ]:
        page = log_in(browser, live_server, editor, width)
        page.goto(live_server.url + path)
        page.wait_for_timeout(300)
        shoot(page, name)
        problems += [f"{name}: {problem}" for problem in serious_violations(page)]
        page.context.close()
    page = log_in(browser, live_server, reporter)
    shoot(page, "dashboard-reporter-1366")
    problems += [f"dashboard-reporter: {problem}" for problem in serious_violations(page)]

    assert problems == [], "\n".join(problems)
