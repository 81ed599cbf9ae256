"""With the default settings (no CACHE_URL), every process shares one page cache that
a change made by any process invalidates: two gunicorn servers and a shell, on one
SQLite database."""

import pytest

from tests.servers import Browser, Gunicorn, manage, production_environment

pytestmark = pytest.mark.slow

SETUP = """
from django.utils import timezone
from articles.models import Section, Story
world = Section.objects.create(name="World", slug="world")
sport = Section.objects.create(name="Sport", slug="sport")
for headline, section in [("Harbour reopens", world), ("Rowing club wins", sport)]:
    Story.objects.create(headline=headline, section=section, status="published",
                         publish_at=timezone.now() - timezone.timedelta(hours=1), body="<p>Text.</p>")
Story.objects.create(headline="Ferry timetable", section=world, status="draft", body="<p>Text.</p>")
for story in Story.objects.filter(status="published").order_by("headline"):
    print("page", story.get_absolute_url())
"""

EDIT = """
from articles.models import Story
story = Story.objects.get(slug="harbour-reopens")
story.headline = "Harbour reopens after the storm"
story.save()
"""

PUBLISH = """
from django.contrib.auth.models import User
from articles import workflow
from articles.models import Story
editor = User.objects.create_superuser("edna", "edna@example.org", "correct-horse-battery")
workflow.publish(Story.objects.get(slug="ferry-timetable"), editor)
"""


BANNER_AND_RENAME = """
from django.utils import timezone
from articles.models import Section
from fronts.models import Banner
Banner.objects.create(text="Polls close in one hour", expires_at=timezone.now() + timezone.timedelta(hours=1))
sport = Section.objects.get(slug="sport")
sport.name = "Sports"
sport.save()
"""


def start_servers(tmp_path, **settings):
    env = production_environment(
        database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        cache_url="",  # the default cache
        NEWSROOM_CACHE_DIR=str(tmp_path / "page-cache"),
        **settings,
    )
    manage(env, "migrate", "--no-input", "-v0")
    output = manage(env, "shell", "-c", SETUP).splitlines()
    paths = [line.split()[1] for line in output if line.startswith("page ")]
    started = []
    try:
        for _ in range(2):
            started.append(Gunicorn(env, workers=1))
        yield env, paths, [Browser(server.base) for server in started]
    finally:
        for server in started:
            server.stop()


@pytest.fixture
def servers(tmp_path):
    yield from start_servers(tmp_path)


@pytest.fixture
def uncached_servers(tmp_path):
    yield from start_servers(tmp_path, NEWSROOM_PAGE_CACHE_SECONDS="0")


def test_a_change_made_by_another_process_shows_on_the_next_request_of_every_server(servers):
    env, (story_path, unrelated_path), browsers = servers
    for browser in browsers:
        for path in ("/", story_path, unrelated_path):
            assert browser.get(path).headers["X-Cache"] == "miss"
            assert browser.get(path).headers["X-Cache"] == "hit"

    manage(env, "shell", "-c", EDIT)
    for browser in browsers:
        page = browser.get(story_path)
        assert (page.headers["X-Cache"], "Harbour reopens after the storm" in page.text) == ("miss", True)
        assert "Harbour reopens after the storm" in browser.get("/").text
        assert browser.get(unrelated_path).headers["X-Cache"] == "hit"

    manage(env, "shell", "-c", PUBLISH)
    for browser in browsers:
        assert "Ferry timetable" in browser.get("/").text
        assert "Ferry timetable" in browser.get("/world/").text
        assert browser.get(unrelated_path).headers["X-Cache"] == "hit"


def test_navigation_and_banner_changed_by_another_process_show_on_the_next_render(uncached_servers):
    # With the page cache off each process still keeps the navigation and the banner
    # between renders (frontend/site_chrome.py), until any change anywhere.
    env, (story_path, _), browsers = uncached_servers
    for browser in browsers:
        for path in ("/", story_path):
            page = browser.get(path)
            assert ">Sport<" in page.text and "Polls close" not in page.text

    manage(env, "shell", "-c", BANNER_AND_RENAME)
    for browser in browsers:
        for path in ("/", story_path):
            page = browser.get(path)
            assert ">Sports<" in page.text and "Polls close in one hour" in page.text
