"""Date archives: /archive/, a year, a month, a day."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from articles.models import Section, Story
from tests.helpers import page, texts

HEADLINES = "//main//h2[contains(@class, 'card__headline')]"


def at(*parts):
    return timezone.make_aware(datetime(*parts))


@pytest.fixture
def dated(make_story):
    make_story("New Year story", publish_at=at(2025, 1, 1, 0, 30))
    make_story("March the third", publish_at=at(2025, 3, 3, 12))
    make_story("March the third, late", publish_at=at(2025, 3, 3, 23, 59))
    make_story("March the fourth", publish_at=at(2025, 3, 4, 8))
    make_story("Last year's eve", publish_at=at(2024, 12, 31, 23, 59))
    make_story("March draft", publish_at=at(2025, 3, 3, 9), status=Story.Status.DRAFT)
    make_story(
        "March embargoed", publish_at=at(2025, 3, 3, 10), embargo_until=timezone.now() + timedelta(days=1)
    )


def test_the_archive_lists_the_years_with_stories(client, dated):
    tree = page(client.get(reverse("frontend:archive")))

    assert texts(tree, "//main//nav//a") == ["2025", "2024"]


def test_a_year_lists_its_months_and_its_stories(client, dated):
    tree = page(client.get("/archive/2025/"))

    assert texts(tree, "//main//nav//a") == ["January", "March"]
    assert texts(tree, HEADLINES) == [
        "March the fourth",
        "March the third, late",
        "March the third",
        "New Year story",
    ]


def test_a_month_lists_its_days(client, dated):
    tree = page(client.get("/archive/2025/3/"))

    assert texts(tree, "//main//nav//a") == ["3", "4"]
    assert texts(tree, "//h1") == ["Stories from March 2025"]


def test_a_day_lists_that_day_only(client, dated):
    tree = page(client.get(reverse("frontend:archive_day", kwargs={"year": 2025, "month": 3, "day": 3})))

    assert texts(tree, HEADLINES) == ["March the third, late", "March the third"]


def test_days_follow_the_site_time_zone(client, make_story, settings):
    settings.TIME_ZONE = "America/New_York"
    # 03:00 UTC on 4 March is still 3 March in New York.
    make_story("Late in New York", publish_at=datetime(2025, 3, 4, 3, tzinfo=UTC))

    assert texts(page(client.get("/archive/2025/3/3/")), HEADLINES) == ["Late in New York"]
    assert client.get("/archive/2025/3/4/").status_code == 404


@pytest.mark.parametrize(
    "url", ["/archive/2025/13/", "/archive/2025/2/30/", "/archive/0/", "/archive/99999/"]
)
def test_impossible_dates_are_not_found(client, dated, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/archive/2025/3/5/",  # a day of a month with stories
        "/archive/2025/2/",  # a month of a year with stories
        "/archive/2023/",  # a year before any story
    ],
)
def test_periods_without_a_public_story_are_not_found(client, dated, url):
    assert client.get(url).status_code == 404


def test_a_period_with_only_hidden_stories_is_not_found(client, make_story):
    make_story("Draft in June", publish_at=at(2025, 6, 2, 9), status=Story.Status.DRAFT)
    make_story(
        "Embargoed in June", publish_at=at(2025, 6, 2, 10), embargo_until=timezone.now() + timedelta(days=1)
    )

    for url in ["/archive/2025/", "/archive/2025/6/", "/archive/2025/6/2/"]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"in June" not in response.content


def test_archive_is_a_reserved_section_slug():
    section = Section(name="Archive", slug="archive")

    with pytest.raises(ValidationError, match="used by another part of the site"):
        section.full_clean()


@time_machine.travel(at(2025, 3, 5, 12), tick=False)
def test_a_scheduled_story_joins_its_day_once_published(client, make_story):
    make_story("Scheduled for tonight", publish_at=at(2025, 3, 5, 20))

    assert client.get("/archive/2025/3/5/").status_code == 404
    with time_machine.travel(at(2025, 3, 5, 21), tick=False):
        assert texts(page(client.get("/archive/2025/3/5/")), HEADLINES) == ["Scheduled for tonight"]
