"""A curated front costs the same number of queries however many slots and stories it has."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fronts.models import Banner
from tests.fronts.arranging import LATEST, LEAD, PACKAGE, TOP, arrange, slot
from tests.pictures import add_picture

pytestmark = pytest.mark.django_db

# Home: banner, the front, the placed stories, their bylines, their replacement pictures,
# the desks, their sub-sections, the newest stories of every desk (one query), their bylines,
# the navigation.
HOME_BUDGET = 10
# Section: the section, the front, the placed stories, bylines, pictures, the newest of the
# section, their bylines, the list's count and page, its bylines, sub-sections, navigation, banner.
SECTION_BUDGET = 13


def build(world, europe, make_story, count, picture):
    stories = [make_story(f"Story {n}", section=europe if n % 2 else world, hours_ago=n + 1,
                          authors=[f"Writer {n % 3}"]) for n in range(count)]  # fmt: skip
    third = count // 3
    zones = [
        (LEAD, 1, [slot(stories[0], headline="Front headline", image=picture)]),
        (TOP, third, [slot(story, image=picture) for story in stories[1:third]]),
        (PACKAGE, third, stories[third : 2 * third], "A package"),
        (LATEST, 4, []),
    ]
    arrange(zones)
    arrange(zones, section=world)


def count_queries(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_fronts_keep_their_query_budget_as_slots_grow(client, world, europe, make_story, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    picture = add_picture("harbour-at-dawn.jpg", size=(1600, 1000))
    Banner.objects.create(text="Breaking", expires_at=timezone.now() + timedelta(hours=1))
    build(world, europe, make_story, 6, picture)
    small = {path: count_queries(client, path) for path in ("/", "/world/")}
    build(world, europe, make_story, 30, picture)
    large = {path: count_queries(client, path) for path in ("/", "/world/")}
    assert large == small
    assert large["/"] <= HOME_BUDGET and large["/world/"] <= SECTION_BUDGET, large
