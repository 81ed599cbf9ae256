"""The read API's stories: only what readers may see, as ninjs 3.x, filtered, cursor-paginated."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.models import Section, Story

pytestmark = pytest.mark.django_db


def headlines(response):
    assert response.status_code == 200, response.content
    return [item["headlines"][0]["value"] for item in response.json()["items"]]


def test_drafts_scheduled_embargoed_and_unpublished_stories_never_appear(api, make_story):
    make_story("Live harbour story")
    hidden = [
        make_story("Draft about the quay", status=Story.Status.DRAFT),
        make_story("In review about the quay", status=Story.Status.IN_REVIEW),
        make_story("Unpublished about the quay", status=Story.Status.UNPUBLISHED),
        make_story("Scheduled about the quay", hours_ago=-3),
        make_story("Embargoed about the quay", embargo_until=timezone.now() + timedelta(hours=2)),
    ]
    assert headlines(api("/api/stories")) == ["Live harbour story"]
    for story in hidden:
        assert api(f"/api/stories/{story.pk}").status_code == 404


def test_a_story_is_ninjs_3_with_its_section_topics_and_authors(api, make_story, europe):
    story = make_story("Ferry strike ends", section=europe, authors=["Hester Quayle"], tags=["Ferries"])
    item = api(f"/api/stories/{story.pk}").json()
    assert item["standard"]["name"] == "ninjs" and item["standard"]["version"].startswith("3.")
    assert item["headlines"] == [{"role": "main", "value": "Ferry strike ends"}]
    assert item["by"] == "Hester Quayle"
    assert {"name": "Europe", "rel": "section", "literal": "europe"} in item["subjects"]
    assert {"name": "Ferries", "rel": "about", "literal": "ferries"} in item["subjects"]
    assert item["altIds"][0]["value"].endswith(story.get_absolute_url())


def test_a_scheduled_story_appears_when_its_time_comes(api, make_story):
    story = make_story("Budget published at noon", hours_ago=-1)
    assert headlines(api("/api/stories")) == []
    with time_machine.travel(story.publish_at + timedelta(minutes=1)):
        assert headlines(api("/api/stories")) == ["Budget published at noon"]


def test_filters_by_section_including_sub_sections_topic_author_and_time(api, make_story, world, europe):
    sport = Section.objects.create(name="Sport", slug="sport")
    make_story("World story", section=world, tags=["Ferries"], hours_ago=30)
    make_story("Europe story", section=europe, authors=["Hester Quayle"], hours_ago=20)
    make_story("Sport story", section=sport, tags=["ferries"], authors=["Hester Quayle"], hours_ago=10)
    assert headlines(api("/api/stories?section=world")) == ["Europe story", "World story"]
    assert headlines(api("/api/stories?section=sport")) == ["Sport story"]
    assert headlines(api("/api/stories?topic=ferries")) == ["Sport story", "World story"]
    assert headlines(api("/api/stories?author=hester-quayle")) == ["Sport story", "Europe story"]
    since = (timezone.now() - timedelta(hours=25)).isoformat()
    until = (timezone.now() - timedelta(hours=15)).isoformat()
    window = f"/api/stories?since={since.replace('+', '%2B')}&until={until.replace('+', '%2B')}"
    assert headlines(api(window)) == ["Europe story"]


def test_cursor_pagination_walks_every_story_once_even_when_one_is_published_meanwhile(api, make_story):
    for number in range(7):
        make_story(f"Story {number}", hours_ago=number + 1)
    seen, address = [], "/api/stories?limit=3"
    for page_number in range(5):
        page = api(address).json()
        seen += [item["headlines"][0]["value"] for item in page["items"]]
        if page_number == 0:
            make_story("Fresh story published meanwhile", hours_ago=0)
        if not page["next"]:
            break
        address = page["next"]
    assert seen == [f"Story {number}" for number in range(7)]
    assert page_number == 2


def test_a_bad_cursor_is_refused_with_a_reason(api):
    response = api("/api/stories?cursor=not-a-cursor")
    assert response.status_code == 400
    assert "cursor" in response.json()["detail"]


def test_etag_and_304_and_cache_headers(api, make_story):
    make_story("Harbour story")
    first = api("/api/stories")
    assert first["Cache-Control"] == "public, max-age=60"
    assert "X-API-Key" in first["Vary"]
    again = api("/api/stories", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    make_story("Another harbour story")
    changed = api("/api/stories", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_cache_lifetime_never_outlasts_the_next_scheduled_story(api, make_story):
    with time_machine.travel(datetime(2026, 3, 3, 12, 0, tzinfo=UTC), tick=False):
        make_story("Goes live in 20 seconds", publish_at=timezone.now() + timedelta(seconds=20))
        assert api("/api/stories")["Cache-Control"] == "public, max-age=20"


def test_sections_authors_and_topics_list_only_what_readers_can_see(api, make_story, world):
    make_story("Live", authors=["Hester Quayle"], tags=["Ferries"])
    make_story("Draft", status=Story.Status.DRAFT, authors=["Secret Source"], tags=["Takeover"])
    assert [a["name"] for a in api("/api/authors").json()["items"]] == ["Hester Quayle"]
    assert [t["name"] for t in api("/api/topics").json()["items"]] == ["Ferries"]
    assert [s["slug"] for s in api("/api/sections").json()["items"]] == ["world"]


def test_the_story_list_takes_as_many_queries_for_many_stories_as_for_one(api, make_story):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_the_list():
        api("/api/stories")  # the key's first use of the minute is recorded (api/keys.py)
        with CaptureQueriesContext(connection) as queries:
            response = api("/api/stories")
        assert response.status_code == 200
        return len(queries), len(response.json()["items"])

    make_story("Ferry strike ends", authors=["Hester Quayle", "Ola Ferryman"], tags=["Ferries"])
    few = queries_for_the_list()
    for n in range(6):
        make_story(
            f"Harbour story {n}", authors=["Hester Quayle", f"Reporter {n}"], tags=["Ferries", f"Quay {n}"]
        )
    many = queries_for_the_list()
    assert (few[1], many[1]) == (1, 7)
    assert many[0] == few[0]
