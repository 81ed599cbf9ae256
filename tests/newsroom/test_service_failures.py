"""Redis and PostgreSQL failing under gunicorn with two workers, and coming back.

A throwaway PostgreSQL and Redis (tests/servers.py) hold the demo newsroom;
the test stops and restarts them under a running gunicorn and reads the site
as readers and an editor do, over HTTP. Pages stay fresh for 2 s here, so a
page cached a moment ago is already stale when the database goes.
"""

import re
import time
from urllib.parse import urlencode

import pytest

from tests.servers import Browser, Gunicorn, ThrowawayPostgres, ThrowawayRedis, manage, production_environment

# One worker runs the whole module: its module-scoped fixture is minutes of set-up.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("service-failures")]

FRESH_SECONDS = 2
STORY_LINK = re.compile(r'href="(/[a-z-]+/\d{4}/\d{2}/\d{2}/[a-z0-9-]+/)"')


@pytest.fixture(scope="module")
def services():
    postgres, redis = ThrowawayPostgres(), ThrowawayRedis()
    try:
        postgres.start()
        postgres.createdb("newsroom")
        redis.start()
        yield postgres, redis
    finally:
        redis.stop()
        postgres.remove()


@pytest.fixture(scope="module")
def site(services):
    postgres, redis = services
    env = production_environment(
        database_url=postgres.url("newsroom"),
        cache_url=redis.url,
        NEWSROOM_PAGE_CACHE_SECONDS=str(FRESH_SECONDS),
        NEWSROOM_TRACKED_PAGE_CACHE_SECONDS=str(FRESH_SECONDS),
    )
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "seed_demo")
    server = Gunicorn(env)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres(services, site):
    """The cluster, started again after the test if it left it stopped."""
    yield services[0]
    if not (services[0].data / "postmaster.pid").exists():
        services[0].start()


@pytest.fixture
def redis(services, site):
    yield services[1]
    if not services[1].answers():
        services[1].start()


def story_paths(browser):
    paths = list(dict.fromkeys(STORY_LINK.findall(browser.get("/").text)))
    assert len(paths) >= 3, "the demo front page lists stories"
    return paths


def headline(answer):
    return answer.tree().findtext(".//h1").strip()


def test_redis_down_pages_are_served_uncached_saves_are_kept_and_caching_resumes(site, redis):
    reader, editor = Browser(site.base), Browser(site.base)
    path = story_paths(reader)[0]
    editor.log_in("editor", "newsroom-demo")
    redis.stop()

    for _ in range(4):  # both workers
        answer = reader.get(path)
        assert (answer.status_code, answer.headers["X-Cache"]) == (200, "miss")
        assert reader.get("/").status_code == 200
    assert reader.get("/readyz").status_code == 503

    changelist = editor.get("/admin/articles/story/?" + urlencode({"q": headline(reader.get(path))}))
    change_paths = set(re.findall(r'href="(/admin/articles/story/\d+/change/)', changelist.text))
    assert len(change_paths) == 1, "the admin search finds the story by its headline"
    saved = editor.post_form(change_paths.pop(), "story_form", headline="Saved while Redis was down")
    assert saved.status_code == 302, saved.text[-2000:]
    answer = reader.get(path)  # the slug stays when the headline changes
    assert (answer.status_code, headline(answer)) == (200, "Saved while Redis was down")

    redis.start()
    began = time.monotonic()

    def cached():
        reader.get(path)
        return reader.get(path).headers["X-Cache"] == "hit"

    for _ in range(4):  # caching is back in both workers
        while not cached():
            assert time.monotonic() - began < 15, "caching did not resume within 15 s of Redis"
            time.sleep(0.2)
    print(f"caching resumed {time.monotonic() - began:.2f} s after Redis came back")
    assert reader.get("/readyz").status_code == 200


def test_postgres_down_cached_pages_serve_stale_others_503_and_all_recover(site, postgres):
    reader, editor = Browser(site.base), Browser(site.base)
    cached_path, uncached_path = story_paths(reader)[1:3]
    editor.log_in("editor", "newsroom-demo")
    for _ in range(4):  # into the shared cache, whichever worker answers
        assert reader.get(cached_path).status_code == 200
    cached_headline = headline(reader.get(cached_path))
    time.sleep(FRESH_SECONDS + 0.5)  # no longer fresh: only stale-if-error can serve it now

    postgres.stop()
    for _ in range(4):
        stale = reader.get(cached_path)
        assert (stale.status_code, stale.headers["X-Cache"]) == (200, "stale")
        assert headline(stale) == cached_headline
        down = reader.get(uncached_path)
        assert down.status_code == 503
        assert int(down.headers["Retry-After"]) > 0
        desk = editor.get("/admin/articles/story/")
        assert desk.status_code == 503
        assert "The desk is unavailable" in desk.text and "Traceback" not in desk.text
    assert reader.get("/readyz").status_code == 503
    assert reader.get("/healthz").status_code == 200

    postgres.start()
    began = time.monotonic()
    while reader.get("/readyz").status_code != 200:
        assert time.monotonic() - began < 30, "/readyz not 200 within 30 s of PostgreSQL"
        time.sleep(0.2)
    print(f"/readyz answered 200 {time.monotonic() - began:.2f} s after PostgreSQL came back")
    for _ in range(4):  # both workers, without restarting gunicorn
        assert reader.get(uncached_path).status_code == 200
        assert editor.get("/admin/articles/story/").status_code == 200
        assert reader.get(cached_path).headers["X-Cache"] in ("hit", "miss")
