"""An editor sees a held wire update on an imported story they changed, and applies it."""

import pytest

from articles.models import Story
from tests.browser.test_editorial_flow import log_in
from tests.importing import import_stories, ninjs_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_applies_a_held_wire_update_from_the_story_page(
    browser, live_server, editor, world, tmp_path
):
    ninjs_file(tmp_path, 1, "Harbour council meets on ferries")
    assert import_stories(tmp_path, "--publish").ok
    story = Story.objects.get(imports__guid="urn:batch:1")
    page = log_in(browser, live_server, editor)
    change_page = f"{live_server.url}/admin/articles/story/{story.pk}/change/"
    page.goto(change_page)
    page.fill("#id_headline", "Council meets on the ferry timetable")
    page.click("button[name=_continue]")
    page.wait_for_selector(".messagelist")

    ninjs_file(tmp_path, 1, "Harbour council votes on ferries", version="2")
    assert "1 held" in import_stories(tmp_path).out

    page.goto(change_page)
    panel = page.locator("section.wire-update")
    assert panel.locator("h2#wire-update-title").inner_text() == "Wire update available"
    assert panel.locator("li.removed", has_text="Council meets on the ferry timetable").count() == 1
    assert panel.locator("li.added", has_text="Harbour council votes on ferries").count() == 1
    panel.locator("input[type=submit]").click()
    page.wait_for_selector(".messagelist")

    assert "Applied the wire update (version 2)." in page.inner_text(".messagelist")
    assert page.locator("section.wire-update").count() == 0
    assert page.input_value("#id_headline") == "Harbour council votes on ferries"
    story.refresh_from_db()
    assert story.headline == "Harbour council votes on ferries"
    assert story.status == Story.Status.PUBLISHED
