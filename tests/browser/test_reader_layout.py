"""The reader site at a phone's width (390 px) and a laptop's (1366 px)."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from articles.models import Section, Story
from tests.page_types import every_page_type

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}
DESKS = ["Politics", "Technology", "Science", "Climate", "Culture", "Sport", "Opinion"]


@pytest.fixture
def newsroom(make_story, europe):
    pages = every_page_type(make_story, europe)
    for order, name in enumerate(DESKS, start=10):
        Section.objects.create(name=name, slug=name.lower(), order=order)
    return pages


@pytest.mark.browser
def test_every_page_fits_a_phone_with_search_a_tap_away(live_server, transactional_db, newsroom, browser):
    page = browser.new_page(viewport=PHONE)
    for name, path in newsroom.items():
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name
        search = page.locator(".masthead__search-link")
        assert search.is_visible(), name
        assert not page.locator("#site-search").is_visible(), name

    page.locator(".masthead__search-link").click()
    assert page.url.endswith("/search/")


@pytest.mark.browser
def test_phone_section_navigation_scrolls_to_every_desk(live_server, transactional_db, newsroom, browser):
    page = browser.new_page(viewport=PHONE)
    page.goto(live_server.url + "/")
    sections = page.locator(".section-nav ul")

    assert page.evaluate("el => el.scrollWidth > el.clientWidth", sections.element_handle())
    last = page.get_by_role("navigation", name="Sections").get_by_role("link", name="Opinion")
    last.scroll_into_view_if_needed()
    assert last.is_visible()
    box = last.bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"]


@pytest.mark.browser
def test_phone_article_text_starts_high(live_server, transactional_db, newsroom, browser):
    page = browser.new_page(viewport=PHONE)
    page.goto(live_server.url + newsroom["article"])

    assert page.locator(".story__headline").bounding_box()["y"] < 220


@pytest.mark.browser
def test_the_not_found_search_button_fits_a_phone(live_server, transactional_db, newsroom, browser):
    page = browser.new_page(viewport=PHONE)
    page.goto(live_server.url + newsroom["not found"])
    button = page.locator(".error-page button")

    box = button.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] - 10
    page.locator("#error-search").fill("energy")
    button.click()
    assert "Energy prices fall" in page.locator("main").inner_text()


@pytest.mark.browser
def test_list_pages_use_the_width_of_a_laptop(live_server, transactional_db, newsroom, make_story, browser):
    # The archive day's other stories are hours older: just after the newsroom's midnight they are
    # yesterday's, and its list would be one card. A few more on the article's own day, whatever the hour.
    story = Story.objects.get(headline="Ministers meet in Brussels over trade & energy")
    for number in range(1, 4):
        make_story(f"Council briefing {number}", publish_at=story.publish_at - timedelta(seconds=number))
    page = browser.new_page(viewport=LAPTOP)
    for name in ["tag", "author", "section", "search results", "archive day"]:
        page.goto(live_server.url + newsroom[name])
        main = page.locator("main").bounding_box()
        # A section page is a front (zones) with its list below; the others are lists.
        cards = [card.bounding_box() for card in page.locator(".story-list > li, .zone__grid > li").all()]
        rightmost = max(card["x"] + card["width"] for card in cards)
        # Cards reach the right-hand side of the page, not only its left two thirds.
        assert rightmost > main["x"] + 0.9 * main["width"], name


@pytest.mark.browser
def test_relative_times_stay_true_in_a_page_kept_by_a_cache(
    live_server, transactional_db, make_story, browser
):
    story = make_story("Ferry strike ends", hours_ago=0)  # "Just now" when the server renders it
    time = f"time[datetime='{timezone.localtime(story.publish_at).isoformat(timespec='seconds')}']"
    page = browser.new_page(viewport=LAPTOP)
    page.goto(live_server.url + "/world/")
    day_ends = datetime.fromisoformat(page.locator(time).get_attribute("data-day-ends"))
    a_date = page.locator(time).get_attribute("data-date")

    # The reader gets that copy from a cache 65 minutes later.
    later = story.publish_at + timedelta(minutes=65)
    page.clock.set_fixed_time(later)
    page.reload()
    assert page.locator(time).inner_text() == ("1 h ago" if later < day_ends else a_date)

    # After the newsroom's midnight it is no longer today's: the date, as the server would say.
    page.clock.set_fixed_time(day_ends + timedelta(minutes=1))
    page.reload()
    assert page.locator(time).inner_text() == a_date
