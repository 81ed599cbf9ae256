"""Ordering a zone's slots in the desk with a browser: drag and drop, or the move buttons."""

import pytest

from fronts.models import Zone
from tests.browser.sessions import log_in
from tests.fronts.arranging import TOP, arrange

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def order(zone):
    return [slot.story.headline for slot in zone.slots.order_by("position")]


def test_an_editor_reorders_slots_by_dragging_and_by_buttons(browser, live_server, editor, make_story):
    stories = [make_story(name) for name in ("Alpha", "Bravo", "Charlie")]
    zone = arrange([(TOP, 4, stories)]).zones.get()
    page = log_in(browser, live_server, editor)
    page.set_viewport_size({"width": 1366, "height": 1600})  # every slot row in view, to drag onto
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/admin/fronts/zone/{zone.pk}/change/")
    rows = page.locator(".front-slots tbody tr.form-row.has_original")
    assert rows.count() == 3
    # By the handle, onto the top edge of the first row; forced, since the rows move while dragging.
    rows.nth(2).locator(".front-slots__handle").drag_to(
        rows.nth(0), target_position={"x": 30, "y": 3}, force=True
    )
    assert page.input_value("[name=slots-2-position]") == "1"
    page.click("[name=_continue]")
    page.wait_for_selector(".messagelist")
    assert order(Zone.objects.get(pk=zone.pk)) == ["Charlie", "Alpha", "Bravo"]

    # Without a mouse: "Move down" on the first row, which the status line announces.
    page.locator(".front-slots tbody tr.form-row.has_original").nth(0).get_by_role(
        "button", name="Move down"
    ).click()
    assert "now position 2" in page.locator(".front-slots__status").text_content()
    page.click("[name=_continue]")
    page.wait_for_selector(".messagelist")
    assert order(Zone.objects.get(pk=zone.pk)) == ["Alpha", "Charlie", "Bravo"]
    assert errors == []


def test_the_slots_table_fits_a_laptop_screen(browser, live_server, editor, make_story):
    stories = [make_story(f"A long headline about the harbour authority's budget, part {n}") for n in (1, 2)]
    zone = arrange([(TOP, 4, stories)]).zones.get()
    page = log_in(browser, live_server, editor)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/admin/fronts/zone/{zone.pk}/change/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    table, group = (
        page.locator(selector).bounding_box() for selector in (".front-slots table", ".front-slots")
    )
    assert table["x"] + table["width"] <= group["x"] + group["width"] + 1
    # The schedule columns keep their date and time inputs, and the zone note shows once.
    assert page.locator(".front-slots tr.has_original .vDateField").count() == 4
    assert page.locator(".front-slots .timezonewarning:visible").count() <= 2
