"""The public page cache: fast for readers, never stale about what is public.

A change forgets only the pages that show what changed: each test below warms
the pages around one story and an unrelated one (another section, topic and
author), changes the story, and reads ``X-Cache`` on both.
"""

import re
from datetime import datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client, RequestFactory
from django.utils import timezone
from taggit.models import Tag

from articles import workflow
from articles.models import Author, Section, Story
from frontend import caching
from frontend.safe_cache import page_cache
from tests.counting_cache import CountingCache
from tests.importing import import_stories, ninjs_file
from tests.outages import database_down, unreachable_redis_caches

pytestmark = pytest.mark.django_db


def max_age(response):
    return int(re.search(r"(?:^|[ ,])max-age=(\d+)", response["Cache-Control"])[1])


@pytest.fixture
def sport(db):
    return Section.objects.create(name="Sport", slug="sport", order=3)


@pytest.fixture
def newsroom(make_story, sport, django_capture_on_commit_callbacks):
    """A story about the harbour (World, topic Harbour, by Ann Lee) and an unrelated one
    (Sport, topic Rowing, by Bo Chan), with every page around them cached."""
    story = make_story("Harbour reopens", tags=["Harbour"], authors=["Ann Lee"])
    unrelated = make_story("Rowing club wins", section=sport, tags=["Rowing"], authors=["Bo Chan"])
    pages = {
        "story": story.get_absolute_url(),
        "unrelated": unrelated.get_absolute_url(),
        "home": "/",
        "world": "/world/",
        "sport": "/sport/",
        "topic": "/tag/harbour/",
        "other topic": "/tag/rowing/",
        "author": "/author/ann-lee/",
        "other author": "/author/bo-chan/",
        "feed": "/feeds/rss/",
    }
    return story, unrelated, pages


def warm(client, pages):
    for path in pages.values():
        assert client.get(path).status_code == 200, path
    assert {name: client.get(path)["X-Cache"] for name, path in pages.items()} == dict.fromkeys(pages, "hit")


def cache_states(client, pages):
    return {name: client.get(path)["X-Cache"] for name, path in pages.items()}


def test_a_repeat_visit_is_served_without_touching_the_database(
    client, make_story, django_assert_num_queries
):
    story = make_story("Cached story")
    assert client.get(story.get_absolute_url()).status_code == 200
    with django_assert_num_queries(0):
        response = client.get(story.get_absolute_url())
    assert "Cached story" in response.content.decode()
    assert "public" in response["Cache-Control"]
    assert response["X-Cache"] == "hit"


def test_an_edit_shows_as_soon_as_it_is_committed(client, make_story, django_capture_on_commit_callbacks):
    story = make_story("First wording")
    client.get(story.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Second wording"
        story.save()
        # Not committed yet: readers still get the page as it was.
        assert "First wording" in client.get(story.get_absolute_url()).content.decode()
    assert "Second wording" in client.get(story.get_absolute_url()).content.decode()


def test_an_unpublished_story_disappears_at_once(client, make_story, django_capture_on_commit_callbacks):
    story = make_story("Soon withdrawn")
    assert "Soon withdrawn" in client.get("/").content.decode()
    client.get(story.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        story.status = Story.Status.UNPUBLISHED
        story.save()
    assert "Soon withdrawn" not in client.get("/").content.decode()
    assert client.get(story.get_absolute_url()).status_code == 404


def test_a_new_correction_shows_at_once(client, make_story, django_capture_on_commit_callbacks):
    story = make_story("Corrected later")
    client.get(story.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        story.corrections.create(note="A figure was wrong.")
    assert "A figure was wrong." in client.get(story.get_absolute_url()).content.decode()


def test_pages_expire_when_the_next_scheduled_story_goes_live(client, make_story):
    make_story("Already out")
    release = timezone.now() + timedelta(seconds=20)
    make_story("Goes out in twenty seconds", publish_at=release)

    first = client.get("/")
    assert "Goes out in twenty seconds" not in first.content.decode()
    assert 0 < max_age(first) <= 20
    with time_machine.travel(release + timedelta(seconds=1)):
        assert "Goes out in twenty seconds" in client.get("/").content.decode()


def test_requests_with_a_session_bypass_the_cache(client, make_story, django_assert_max_num_queries):
    story = make_story("For staff eyes too")
    client.cookies[settings.SESSION_COOKIE_NAME] = "anything"
    client.get(story.get_absolute_url())
    with django_assert_max_num_queries(8) as queries:
        client.get(story.get_absolute_url())
    assert len(queries) > 0


def test_a_bulk_update_shows_at_once(client, make_story, django_capture_on_commit_callbacks):
    story = make_story("Pulled in bulk")
    assert client.get(story.get_absolute_url()).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        Story.objects.filter(pk=story.pk).update(status=Story.Status.UNPUBLISHED)
    assert client.get(story.get_absolute_url()).status_code == 404


# Staying up when Redis or the database fails


def test_pages_are_served_uncached_while_the_cache_is_unreachable(client, make_story, settings, caplog):
    story = make_story("Read while Redis is down")
    settings.CACHES = unreachable_redis_caches()
    for _ in range(2):
        response = client.get(story.get_absolute_url())
        assert response.status_code == 200
        assert "Read while Redis is down" in response.content.decode()
        assert response["X-Cache"] == "miss"
    assert "Page cache unavailable" in caplog.text


def test_a_change_while_the_cache_is_unreachable_is_saved(
    make_story, settings, caplog, django_capture_on_commit_callbacks
):
    story = make_story("Saved while Redis is down")
    settings.CACHES = unreachable_redis_caches()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        story.headline = "Still saved while Redis is down"
        story.save()
    assert callbacks  # the page cache's invalidation ran, and its failure was only logged
    assert "Page cache unavailable" in caplog.text
    story.refresh_from_db()
    assert story.headline == "Still saved while Redis is down"


def test_a_cached_page_is_served_stale_while_the_database_is_down(client, make_story):
    story = make_story("Kept for a rainy day")
    assert client.get(story.get_absolute_url())["X-Cache"] == "miss"
    later = timezone.now() + timedelta(seconds=settings.NEWSROOM_TRACKED_PAGE_CACHE_SECONDS + 60)
    with time_machine.travel(later), database_down():
        response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Cache"] == "stale"
    assert "Kept for a rainy day" in response.content.decode()
    assert "max-age=0" in response["Cache-Control"]


def test_a_stale_copy_is_dropped_after_the_stale_window(client, make_story):
    story = make_story("Too old to show")
    client.get(story.get_absolute_url())
    seconds = settings.NEWSROOM_TRACKED_PAGE_CACHE_SECONDS + settings.NEWSROOM_PAGE_STALE_SECONDS + 60
    with time_machine.travel(timezone.now() + timedelta(seconds=seconds)), database_down():
        response = client.get(story.get_absolute_url())
    assert response.status_code == 503
    assert "Too old to show" not in response.content.decode()


def test_a_page_cached_before_an_unpublish_is_never_served_stale(
    client, make_story, django_capture_on_commit_callbacks
):
    story = make_story("Withdrawn before the outage")
    client.get(story.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        story.status = Story.Status.UNPUBLISHED
        story.save()
    with database_down():
        response = client.get(story.get_absolute_url())
    assert response.status_code == 503
    assert "Withdrawn before the outage" not in response.content.decode()


# Targeted invalidation


def test_an_edit_forgets_the_pages_that_show_the_story_and_no_other(
    client, newsroom, django_capture_on_commit_callbacks
):
    story, _, pages = newsroom
    warm(client, pages)
    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Harbour reopens after storm"
        story.save()
    states = cache_states(client, pages)
    assert {name for name, state in states.items() if state == "miss"} == {
        "story", "home", "world", "topic", "author", "feed",
    }  # fmt: skip
    assert "Harbour reopens after storm" in client.get("/").content.decode()


def test_publishing_a_draft_fills_its_lists_and_leaves_an_unrelated_article_cached(
    client, newsroom, make_story, editor, django_capture_on_commit_callbacks
):
    _, _, pages = newsroom
    draft = make_story("Ferry timetable changes", status=Story.Status.DRAFT, tags=["Harbour"])
    warm(client, pages)
    with django_capture_on_commit_callbacks(execute=True):
        draft.headline = "Ferry timetable changes again"
        draft.save()
    assert set(cache_states(client, pages).values()) == {"hit"}  # a draft never public is on no page

    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(draft, editor)
    states = cache_states(client, pages)
    assert states["unrelated"] == states["sport"] == states["other topic"] == states["other author"] == "hit"
    for name in ("home", "world", "topic", "feed"):
        assert "Ferry timetable changes again" in client.get(pages[name]).content.decode(), name
    # The harbour story's page stays: the new story joins its "More on this" once it is
    # scored itself, at its first view, which forgets the pages of the stories it picks.
    assert states["story"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        client.get(draft.get_absolute_url())
    assert "Ferry timetable changes again" in client.get(pages["story"]).content.decode()


def test_unpublishing_forgets_its_pages_and_leaves_an_unrelated_article_cached(
    client, newsroom, editor, django_capture_on_commit_callbacks
):
    story, _, pages = newsroom
    warm(client, pages)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(story, editor)
    assert client.get(pages["story"]).status_code == 404
    for name in ("home", "world", "feed"):
        assert "Harbour reopens" not in client.get(pages[name]).content.decode(), name
    assert cache_states(client, {"unrelated": pages["unrelated"], "sport": pages["sport"]}) == {
        "unrelated": "hit",
        "sport": "hit",
    }


@pytest.mark.parametrize(("coarse_after", "unrelated_lists"), [(100, "hit"), (1, "miss")])
def test_an_import_naming_many_topics_and_authors_refreshes_their_pages(
    client, newsroom, tmp_path, settings, django_capture_on_commit_callbacks, coarse_after, unrelated_lists
):
    """Past NEWSROOM_PAGE_CACHE_COARSE_AFTER lists of a kind, one key is bumped for them all:
    every topic (author) page is forgotten, those showing the new stories among them."""
    _, _, pages = newsroom
    settings.NEWSROOM_PAGE_CACHE_COARSE_AFTER = coarse_after
    warm(client, pages)
    wire = tmp_path / "wire"
    wire.mkdir()
    topics = [{"name": "World", "rel": "section", "literal": "world"},
              {"name": "Harbour", "rel": "about"}, {"name": "Tides", "rel": "about"}]  # fmt: skip
    ninjs_file(wire, 1, "Pilot boats return", by="Ann Lee and Cy Dee", subjects=topics)
    with django_capture_on_commit_callbacks(execute=True):
        assert import_stories(wire, "--publish").ok
    states = cache_states(client, pages)
    for name in ("topic", "author", "world", "home"):
        assert "Pilot boats return" in client.get(pages[name]).content.decode(), name
    assert states["other topic"] == states["other author"] == unrelated_lists
    assert states["sport"] == "hit"  # one section's list: below any limit


def test_a_wire_import_forgets_the_lists_it_joins_and_no_article_page(
    client, newsroom, tmp_path, django_capture_on_commit_callbacks
):
    _, _, pages = newsroom
    warm(client, pages)
    harbour_news = [
        {"name": "World", "rel": "section", "literal": "world"},
        {"name": "Harbour", "rel": "about"},
    ]
    for number in range(3):
        ninjs_file(tmp_path, number, f"Wire: harbour update {number}", subjects=harbour_news)
    with django_capture_on_commit_callbacks(execute=True):
        assert import_stories(tmp_path, "--publish").ok
    states = cache_states(client, pages)
    for name in ("home", "world", "topic", "feed"):
        assert states[name] == "miss", name
        assert "Wire: harbour update 2" in client.get(pages[name]).content.decode(), name
    # Neither article shows a wire story: both stay cached, the harbour story's "More on this"
    # taking a new story in once that story is scored (at its first view).
    assert states["story"] == states["unrelated"] == "hit"
    assert states["sport"] == states["other topic"] == "hit"
    wire_story = Story.objects.get(headline="Wire: harbour update 2")
    with django_capture_on_commit_callbacks(execute=True):
        client.get(wire_story.get_absolute_url())
    assert "Wire: harbour update" in client.get(pages["story"]).content.decode()


def test_an_article_outlives_the_page_cache_seconds_but_browsers_are_told_no_more(client, make_story):
    story = make_story("Read all week")
    client.get(story.get_absolute_url())
    client.get("/")
    with time_machine.travel(timezone.now() + timedelta(seconds=settings.NEWSROOM_PAGE_CACHE_SECONDS + 1)):
        article = client.get(story.get_absolute_url())
        assert article["X-Cache"] == "hit"
        assert 0 < max_age(article) <= settings.NEWSROOM_PAGE_CACHE_SECONDS
        assert client.get("/")["X-Cache"] == "miss"
    tracked = settings.NEWSROOM_TRACKED_PAGE_CACHE_SECONDS
    with time_machine.travel(timezone.now() + timedelta(seconds=tracked - 60)):
        assert client.get(story.get_absolute_url())["X-Cache"] == "hit"
    with time_machine.travel(timezone.now() + timedelta(seconds=tracked + 1)):
        assert client.get(story.get_absolute_url())["X-Cache"] == "miss"


def test_a_correction_forgets_the_story_page_only(
    client, newsroom, editor, django_capture_on_commit_callbacks
):
    story, _, pages = newsroom
    warm(client, pages)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.correct(story, editor, "The harbour reopened on Tuesday, not Monday.")
    response = client.get(pages["story"])
    assert response["X-Cache"] == "miss"
    assert "The harbour reopened on Tuesday, not Monday." in response.content.decode()
    assert client.get(pages["unrelated"])["X-Cache"] == "hit"


@pytest.mark.parametrize(
    ("model", "slug", "new_name", "its_page", "other_page"),
    [
        (Tag, "harbour", "Port", "topic", "other topic"),
        (Author, "ann-lee", "Ann Lee-Park", "author", "other author"),
    ],
)
def test_a_topic_or_author_rename_forgets_the_pages_showing_it(
    client, newsroom, django_capture_on_commit_callbacks, model, slug, new_name, its_page, other_page
):
    _, _, pages = newsroom
    warm(client, pages)
    with django_capture_on_commit_callbacks(execute=True):
        record = model.objects.get(slug=slug)
        record.name = new_name
        record.save()
    states = cache_states(client, pages)
    assert states["story"] == states[its_page] == "miss"
    assert states["unrelated"] == states[other_page] == states["sport"] == "hit"
    assert new_name in client.get(pages["story"]).content.decode()
    assert new_name in client.get(pages[its_page]).content.decode()


@pytest.mark.parametrize("held_by", ["publish_at", "embargo_until"])
def test_a_scheduled_story_appears_on_the_minute_and_an_unrelated_article_stays_cached(
    client, newsroom, make_story, held_by, django_capture_on_commit_callbacks
):
    _, _, pages = newsroom
    release = timezone.now() + timedelta(seconds=20)
    with django_capture_on_commit_callbacks(execute=True):
        if held_by == "publish_at":
            make_story("Tall ship arrives", publish_at=release)
        else:
            make_story("Tall ship arrives", embargo_until=release)
    warm(client, pages)
    home = client.get("/")
    assert "Tall ship arrives" not in home.content.decode()
    assert 0 < max_age(home) <= 20
    assert max_age(client.get(pages["unrelated"])) > 20  # nothing waiting there
    with time_machine.travel(release + timedelta(seconds=1)):
        assert "Tall ship arrives" in client.get("/").content.decode()
        assert "Tall ship arrives" in client.get("/world/").content.decode()
        assert client.get(pages["unrelated"])["X-Cache"] == "hit"
        assert client.get(pages["sport"])["X-Cache"] == "hit"


def test_scheduling_a_story_shortens_the_lives_of_the_pages_it_will_join(
    client, newsroom, make_story, editor, django_capture_on_commit_callbacks
):
    _, _, pages = newsroom
    draft = make_story("Regatta next week", status=Story.Status.DRAFT)
    warm(client, pages)
    release = timezone.now() + timedelta(seconds=30)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.schedule(draft, editor, release)
    home = client.get("/")
    assert home["X-Cache"] == "miss"
    assert 0 < max_age(home) <= 30
    assert client.get(pages["unrelated"])["X-Cache"] == "hit"


def test_pages_record_what_they_show(client, newsroom):
    story, unrelated, pages = newsroom
    article = set(client.get(pages["story"])["Surrogate-Key"].split())
    assert {f"story:{story.pk}", f"section:{story.section_id}", "sections"} <= article
    assert f"story:{unrelated.pk}" not in article
    world = set(client.get("/world/")["Surrogate-Key"].split())
    assert f"section-stories:{story.section_id}" in world
    assert "stories" in set(client.get("/")["Surrogate-Key"].split())
    assert client.get("/")["Cache-Tag"] == ",".join(sorted(client.get("/")["Surrogate-Key"].split()))


# Staff


def test_staff_are_never_served_from_nor_fill_the_public_cache(client, make_story, editor):
    story = make_story("Seen by staff first")
    client.force_login(editor)
    staff = client.get(story.get_absolute_url())
    assert staff["X-Cache"] == "bypass"
    assert staff["Cache-Control"] == "private, no-store" or {"private", "no-store"} <= {
        part.strip() for part in staff["Cache-Control"].split(",")
    }
    client.logout()
    client.cookies.clear()
    assert client.get(story.get_absolute_url())["X-Cache"] == "miss"  # staff filled nothing
    assert client.get(story.get_absolute_url())["X-Cache"] == "hit"
    client.force_login(editor)
    assert client.get(story.get_absolute_url())["X-Cache"] == "bypass"  # and are not served the copy


# Conditional GETs


@pytest.mark.parametrize("path", ["story", "/", "/feeds/rss/", "/feeds/atom/", "/sitemap.xml"])
def test_pages_and_feeds_answer_a_conditional_get_with_304(client, make_story, path):
    story = make_story("Worth revalidating")
    path = story.get_absolute_url() if path == "story" else path
    first = client.get(path)
    assert first["X-Cache"] == "miss"
    assert first["ETag"] and first["Last-Modified"]
    hit = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert (hit.status_code, hit["X-Cache"], hit.content) == (304, "hit", b"")
    assert hit["ETag"] == first["ETag"]
    since = client.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    assert client.get(path, HTTP_IF_NONE_MATCH='"something else"').status_code == 200


def test_a_miss_answers_a_conditional_get_with_304_when_the_page_did_not_change(client, make_story):
    # Mid-morning in the newsroom's zone: past its midnight the page would rightly
    # change (a story of "today" becomes one of yesterday).
    morning = timezone.make_aware(datetime(2026, 6, 10, 10, 0))
    with time_machine.travel(morning, tick=False):
        story = make_story("Same after expiry")
        first = client.get(story.get_absolute_url())
    later = morning + timedelta(seconds=settings.NEWSROOM_TRACKED_PAGE_CACHE_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        again = client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
        assert (again.status_code, again["X-Cache"]) == (304, "miss")
        # Same page, so it keeps the time it was first seen.
        assert client.get(story.get_absolute_url())["Last-Modified"] == first["Last-Modified"]


def test_an_edit_changes_the_etag(client, make_story, django_capture_on_commit_callbacks):
    story = make_story("Before the edit")
    first = client.get(story.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "After the edit"
        story.save()
    again = client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert "After the edit" in again.content.decode()


def test_cache_control_speaks_to_browsers_and_cdns(client, make_story):
    story = make_story("For the CDN")
    for response in (client.get(story.get_absolute_url()), client.get(story.get_absolute_url())):
        directives = dict(
            [*part.strip().split("="), None][:2] for part in response["Cache-Control"].split(",")
        )
        assert "public" in directives
        assert 50 <= int(directives["max-age"]) <= 60
        assert directives["s-maxage"] == directives["max-age"]
        assert directives["stale-if-error"] == str(settings.NEWSROOM_PAGE_STALE_SECONDS)
        assert int(directives["stale-while-revalidate"]) > 0


# The cost of a hit


@pytest.fixture
def cache_calls(settings):
    settings.CACHES = {"default": {"BACKEND": "tests.counting_cache.CountingCache"}}
    CountingCache.calls.clear()
    return CountingCache.calls


def test_a_hit_is_one_cache_call_until_something_is_changed(
    client, make_story, sport, cache_calls, django_capture_on_commit_callbacks
):
    story = make_story("Read a thousand times", tags=["Harbour"])
    elsewhere = make_story("Changed meanwhile", section=sport, tags=["Rowing"])
    for path in (story.get_absolute_url(), "/"):
        assert client.get(path)["X-Cache"] == "miss"
        cache_calls.clear()
        assert client.get(path)["X-Cache"] == "hit"
        assert cache_calls == ["get_many"], path  # the page and the generation, one MGET on Redis

    with django_capture_on_commit_callbacks(execute=True):
        elsewhere.headline = "Changed meanwhile, again"
        elsewhere.save()
    cache_calls.clear()
    # The first hit after a change reads the versions of the article's keys, finds none
    # of them bumped, and keeps the page under the new generation; the next is one call again.
    assert client.get(story.get_absolute_url())["X-Cache"] == "hit"
    assert cache_calls == ["get_many", "get_many", "set"]
    cache_calls.clear()
    assert client.get(story.get_absolute_url())["X-Cache"] == "hit"
    assert cache_calls == ["get_many"]
    assert client.get("/")["X-Cache"] == "miss"  # the home page lists the changed story


def test_a_hit_answers_with_the_headers_of_the_miss_and_leaves_the_session_alone(client, make_story):
    story = make_story("Same headers twice")
    miss = client.get(story.get_absolute_url())
    hit = client.get(story.get_absolute_url())
    assert (miss["X-Cache"], hit["X-Cache"]) == ("miss", "hit")
    for name in ("Content-Security-Policy", "X-Frame-Options", "Permissions-Policy", "X-Content-Type-Options",
                 "ETag", "Last-Modified", "Surrogate-Key", "Cache-Tag", "Content-Type"):  # fmt: skip
        assert hit[name] == miss[name], name
    assert "Cookie" not in hit.get("Vary", "")
    assert not hit.cookies  # no session, no CSRF cookie


# Many readers asking for a page while it renders


def rendering_marker(path):
    key, _, _ = caching._look_up(RequestFactory().get(path), timezone.now())
    return caching.RENDERING_PREFIX + key.removeprefix(caching.PAGE_PREFIX)


def test_a_request_for_a_page_another_is_rendering_waits_and_is_served_that_render(
    client, make_story, monkeypatch, django_capture_on_commit_callbacks
):
    story = make_story("Everyone reads this")
    path = story.get_absolute_url()
    client.get(path)
    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Everyone reads this, updated"
        story.save()
    marker = rendering_marker(path)
    page_cache.add(marker, 1, 5)  # another worker is rendering the page again
    other_workers_render = []

    def meanwhile_the_other_worker_stores_it(seconds):
        if not other_workers_render:
            page_cache.delete(marker)
            other_workers_render.append(Client().get(path)["X-Cache"])

    monkeypatch.setattr(caching.time, "sleep", meanwhile_the_other_worker_stores_it)
    response = client.get(path)
    assert other_workers_render == ["miss"]
    assert response["X-Cache"] == "hit"  # served what the other render stored, not rendered again
    assert "Everyone reads this, updated" in response.content.decode()


def test_a_request_renders_the_page_itself_when_the_other_render_stores_nothing_in_time(
    client, make_story, monkeypatch
):
    story = make_story("Its renderer died")
    page_cache.add(rendering_marker(story.get_absolute_url()), 1, 5)
    monkeypatch.setattr(caching, "RENDER_WAIT_SECONDS", 0.1)
    response = client.get(story.get_absolute_url())
    assert response["X-Cache"] == "miss"
    assert "Its renderer died" in response.content.decode()
    assert client.get(story.get_absolute_url())["X-Cache"] == "hit"
