"""List cards say how old today's stories are ("12 min ago") and date older ones,
by the newsroom's calendar (TIME_ZONE), with the full time and zone on hover."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.helpers import page

NEW_YORK = ZoneInfo("America/New_York")


def in_new_york(*parts):
    return datetime(*parts, tzinfo=NEW_YORK)


@pytest.fixture(autouse=True)
def new_york(settings):
    settings.TIME_ZONE = "America/New_York"


def card_times(client, path):
    """{headline: (shown text, <time> element)} for the cards of a list page."""
    tree = page(client.get(path))
    cards = tree.xpath("//main//article[contains(@class, 'card')]")
    return {
        " ".join(card.xpath(".//*[contains(@class, 'card__headline')]")[0].text_content().split()): (
            card.xpath(".//time")[0].text_content(),
            card.xpath(".//time")[0],
        )
        for card in cards
    }


@time_machine.travel(in_new_york(2026, 1, 15, 15, 0), tick=False)
def test_todays_stories_show_their_age_and_older_ones_their_date(client, make_story):
    make_story("Ferry strike ends", publish_at=in_new_york(2026, 1, 15, 14, 48))
    make_story("Council meets", publish_at=in_new_york(2026, 1, 15, 12, 30))
    make_story("Snow closes schools", publish_at=in_new_york(2026, 1, 15, 14, 59, 40))
    make_story("Budget passes", publish_at=in_new_york(2026, 1, 14, 16, 0))

    shown = card_times(client, "/world/")

    assert shown["Ferry strike ends"][0] == "12 min ago"
    assert shown["Council meets"][0] == "2 h ago"
    assert shown["Snow closes schools"][0] == "Just now"
    assert shown["Budget passes"][0] == "14 Jan 2026"


@time_machine.travel(in_new_york(2026, 1, 15, 15, 0), tick=False)
def test_the_full_time_with_its_zone_is_in_the_title_and_datetime(client, make_story):
    make_story("Ferry strike ends", publish_at=in_new_york(2026, 1, 15, 14, 48))
    make_story("Budget passes", publish_at=in_new_york(2026, 1, 14, 16, 0))

    shown = card_times(client, "/world/")

    today = shown["Ferry strike ends"][1]
    assert today.get("title") == "15 January 2026, 14:48 EST"
    assert today.get("datetime") == "2026-01-15T14:48:00-05:00"
    # What the page's script needs to keep "12 min ago" true in a cached copy.
    assert today.get("data-day-ends") == "2026-01-16T00:00:00-05:00"
    assert today.get("data-date") == "15 Jan 2026"
    assert shown["Budget passes"][1].get("title") == "14 January 2026, 16:00 EST"
    assert "data-relative" not in shown["Budget passes"][1].attrib


@time_machine.travel(in_new_york(2026, 1, 15, 0, 30), tick=False)
def test_today_is_the_newsrooms_day_not_utcs(client, make_story):
    # Both are 15 January in UTC (04:50 and 05:10); only one is today in New York.
    make_story("Late council vote", publish_at=in_new_york(2026, 1, 14, 23, 50))
    make_story("Overnight fire", publish_at=in_new_york(2026, 1, 15, 0, 10))

    shown = card_times(client, "/world/")

    assert shown["Late council vote"][0] == "14 Jan 2026"
    assert shown["Overnight fire"][0] == "20 min ago"


@time_machine.travel(in_new_york(2026, 1, 15, 15, 0), tick=False)
def test_search_results_and_topic_pages_use_the_same_times(client, make_story):
    make_story("Ferry strike ends", publish_at=in_new_york(2026, 1, 15, 14, 48), tags=["Ferries"])

    assert card_times(client, "/search/?q=ferry")["Ferry strike ends"][0] == "12 min ago"
    assert card_times(client, "/tag/ferries/")["Ferry strike ends"][0] == "12 min ago"
