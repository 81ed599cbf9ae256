"""Whole-page caching for the public site, forgotten page by page.

Public pages are the same for every anonymous reader, so a rendered page is
kept in the shared cache (Redis in production, files on one machine). The rules
that keep it honest:

- **Each page knows what it shows.** While a page renders, the keys of the
  content it loads and the lists it shows are recorded (``frontend/cache_keys.py``:
  ``story:12``, ``section-stories:3``...). A change to content bumps the keys it
  touches, once committed, and only the pages carrying one of them are
  forgotten: an edit of one story leaves every unrelated page cached.
- **Versions are moments.** Each key's version is the moment it was last
  bumped (``_Clock``). A page remembers the moment its render started and is
  served only while none of its keys was bumped since. A render that read the
  database before a change was committed started before the bump, so it can
  never pass for the new content.
- **A hit is one cache call.** Reading a version per key on every hit cost
  more than the rest of the hit (a file each with the file cache; a home page
  shows about 200 keys). So every bump also writes a new random *generation*,
  after the versions, and a page remembers the generation it was last checked
  under: a hit reads the page and the generation together (one ``get_many``,
  one Redis ``MGET``) and, when the generation has not moved, nothing was
  bumped since and the page is served as stored. Only after a bump does the
  next hit read its keys' versions, and, still current, the new generation is
  noted beside the page (``newsroom:checked:<page>``, read in the same
  ``get_many``; writing the whole page again made such a hit cost two to three
  plain ones). The hit is answered by
  ``CachedPageMiddleware``, above the session, CSRF, authentication and
  messages middleware, which have nothing to do for it.
- **Nothing shows late or early.** A page that lists stories (or loaded one
  not public yet) is kept no longer than the next scheduled publish time or
  embargo end, so a scheduled story appears on the minute with no cron; nor
  past the moment it changes by itself (a breaking-news banner's expiry, a
  front slot's schedule: ``cache_keys.changes_at()``).
- **Kept as long as it is known right.** A page is kept
  ``NEWSROOM_PAGE_CACHE_SECONDS`` at most; an article, whose every part is
  forgotten by keys (but "More on this", bounded in time: frontend/related.py),
  ``NEWSROOM_TRACKED_PAGE_CACHE_SECONDS`` (``_lifetime()``).
- **Staff are never served nor stored.** Requests that carry a session cookie
  bypass the cache and are answered ``Cache-Control: private, no-store``.

For browsers and CDNs every cached page carries ``ETag`` and ``Last-Modified``
(kept with the entry, so hits have them too) and answers a conditional GET
with 304; ``Cache-Control`` gives ``max-age``, ``s-maxage``,
``stale-while-revalidate`` and ``stale-if-error``; ``Surrogate-Key`` and
``Cache-Tag`` list the page's keys, which ``frontend/purge.py`` sends to a CDN
when they are bumped.

Staying up when a service fails:

- The cache is read and written through ``frontend.safe_cache.page_cache``:
  when Redis is unreachable pages are rendered uncached and nothing raises.
- Stale-if-error: each page is kept ``NEWSROOM_PAGE_STALE_SECONDS`` beyond
  its fresh lifetime. When rendering fails because the database is
  unreachable, that copy is served (``X-Cache: stale``) if none of its keys
  was bumped since: it may lack a story that went live since, but never
  shows one that was changed or withdrawn.

Every response through the cache says ``X-Cache: hit``, ``miss``, ``stale`` or ``bypass``.
"""

import hashlib
import logging
import time
import uuid
from contextvars import ContextVar
from functools import lru_cache, wraps
from typing import NamedTuple

from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from django.db import transaction
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe

from articles.models import Story
from frontend import cache_keys, purge
from frontend.bump_log import BumpLog
from frontend.errors import DATABASE_UNAVAILABLE
from frontend.safe_cache import page_cache

logger = logging.getLogger(__name__)

CACHED_STATUSES = {200, 301}
# Kept with a page, so that a hit answers with them as the miss did.
STORED_HEADERS = [
    "Content-Type",
    "Location",
    "Content-Language",
    "ETag",
    "Last-Modified",
    "Surrogate-Key",
    "Cache-Tag",
]
PAGE_PREFIX = "newsroom:page:"
# The generation a page was last found current under, beside it: ``_current_entry()``.
CHECKED_PREFIX = "newsroom:checked:"
VERSION_PREFIX = "newsroom:v:"
CLOCK_KEY = "newsroom:clock"
GENERATION_KEY = "newsroom:generation"
NEXT_RELEASE_KEY = "newsroom:next-release"
# Bumped with every change to a listed story; the cached next release time is kept under it.
SCHEDULE = "schedule"
# Entries of another format (an older release's) are not served: 2 carries the coarse list keys,
# 3 the token its generation note names.
ENTRY_FORMAT = 3
# How long a CDN may keep serving a page it is refreshing. Short: past a scheduled
# release it would still show the page from before.
STALE_WHILE_REVALIDATE_SECONDS = 5
# Held while a page renders, so that other requests for it wait for that render
# (``_wait_for_render()``) rather than render it too; released, or let go after
# RENDER_WAIT_SECONDS should its process die.
RENDERING_PREFIX = "newsroom:rendering:"
RENDER_WAIT_SECONDS = 5
# Short: a waiting request holds its worker (gunicorn's sync workers), and each poll is
# one small read; the page is looked up once the render lets go of its mark.
RENDER_POLL_SECONDS = 0.005
# Set in the WSGI environ on a fresh hit, for frontend/hot_pages.py, which may answer
# the next such request from memory: a HotPage.
HOT_PAGE = "newsroom.hot_page"
# The moment the page being rendered started (``render_moment()``).
_render_started = ContextVar("newsroom_render_started", default=None)


class HotPage(NamedTuple):
    generation: str  # the generation it was found current under
    expires: float  # its expiry, a timestamp
    moment: int  # when its render started, on the page cache's clock
    keys: list  # the keys it shows


# Versions


class _Clock:
    """The moments versions are made of: a render's start, a key's last bump.

    On Redis (shared by several machines) a counter the server increments
    atomically; elsewhere (files, memory: one machine) the system clock in
    microseconds, which every process of the machine shares. Either way a
    bump made after a commit is later than the start of any render that read
    the database before it.
    """

    def now(self):
        if not self.counts():
            return time.time_ns() // 1000
        value = page_cache.get(CLOCK_KEY)
        if value is None:
            page_cache.add(CLOCK_KEY, time.time_ns() // 1000, None)
            value = page_cache.get(CLOCK_KEY)
        return value

    def next(self):
        if not self.counts():
            return time.time_ns() // 1000 + 1
        value = page_cache.incr(CLOCK_KEY)
        if value is None:  # not there yet (or evicted): start from the time, above any old value
            page_cache.add(CLOCK_KEY, time.time_ns() // 1000, None)
            value = page_cache.incr(CLOCK_KEY)
        return value

    def counts(self):
        """Whether moments are a count (Redis), one per bump, rather than the time."""
        return isinstance(page_cache.backend, RedisCache)

    def read(self):
        """The count so far, without counting; None when the clock is the time or cannot be read."""
        return page_cache.get(CLOCK_KEY) if self.counts() else None


clock = _Clock()
# What each recent bump touched (on Redis): a moved generation costs a process one read, not one per page.
bumps = BumpLog(page_cache, clock.read)


def _version_keys(keys):
    return {VERSION_PREFIX + key: key for key in keys}


def still_current(keys, moment):
    """Whether none of ``keys`` was bumped after ``moment``; None when the cache cannot say."""
    names = _version_keys(keys)
    versions = page_cache.get_many(list(names))
    if versions is None:
        return None
    return len(versions) == len(names) and all(version <= moment for version in versions.values())


def current_under(generation, keys, moment):
    """Whether none of ``keys`` was bumped after ``moment``, the generation being ``generation``;
    None when the cache cannot say. From the bump log when it knows every bump since, else
    from the keys' versions."""
    untouched = None if generation is None else bumps.untouched(keys, moment, generation)
    return still_current(keys, moment) if untouched is None else untouched


def give_versions(keys, moment):
    """Keys never bumped (or evicted) get ``moment``, the start of the render storing them.

    A bump during that render is later, so it still wins (``add`` keeps it).
    The one gap: a bump made during the render whose version is then evicted
    before the page is stored. The Redis setting the README gives
    (``volatile-lru``) never evicts versions, which have no expiry.
    """
    names = _version_keys(keys)
    known = page_cache.get_many(list(names)) or {}
    for name in names:
        if name not in known:
            page_cache.add(name, moment, None)


def generation():
    """The current generation, made when missing (never bumped, or evicted).

    None when the cache cannot say."""
    value = page_cache.get(GENERATION_KEY)
    if value is None:
        page_cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        value = page_cache.get(GENERATION_KEY)
    return value


def bump(keys):
    """Forget every page carrying one of ``keys`` (run once the change is committed), and tell the CDN."""
    if not keys:
        return
    keys = cache_keys.coarsened(keys)
    moment = clock.next()
    if moment is not None:
        if clock.counts():
            bumps.record(moment, keys)  # before the versions: a reader never knows less than they say
        versions = {name: moment for name in _version_keys(keys)}
        # Last, so that a reader seeing the new generation also sees every new version.
        versions[GENERATION_KEY] = uuid.uuid4().hex
        page_cache.set_many(versions, None)
    purge.purge_keys(sorted(keys - {SCHEDULE}))


class _PendingKeys:
    def __init__(self):
        self.keys, self.stories, self.done = set(), set(), False

    def flush(self):
        self.done = True
        keys = self.keys | (cache_keys.story_lists(self.stories) if self.stories else set())
        bump(keys)


def invalidate(sender, changes, **kwargs):
    """Receiver of ``articles.signals.content_changed`` (connected in FrontendConfig.ready).

    The keys are worked out now, while the rows are as the change left them,
    and bumped once the transaction commits: together, per transaction, so a
    save touching ten rows bumps (and purges) once.
    """
    keys, stories = cache_keys.keys_for_changes(changes)
    if stories or keys & {cache_keys.STORIES, cache_keys.SITE}:
        keys.add(SCHEDULE)
    bump_after_commit(keys, stories)


def bump_after_commit(keys, stories=()):
    """Bump ``keys`` and the lists of ``stories`` once the transaction commits, with every
    other change of that transaction (at once outside one)."""
    if not keys and not stories:
        return
    keys, stories = set(keys), set(stories)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        pending = _PendingKeys()
        pending.keys, pending.stories = keys, stories
        pending.flush()
        return
    pending = getattr(connection, "newsroom_pending_keys", None)
    registered = pending is not None and any(func is pending.flush for _, func, _ in connection.run_on_commit)
    if not registered or pending.done:
        # The first change of this transaction (or the earlier one rolled back with its callback).
        pending = connection.newsroom_pending_keys = _PendingKeys()
        transaction.on_commit(pending.flush)
    pending.keys |= keys
    pending.stories |= stories


# Scheduled releases


def seconds_until_release(keys, now):
    """Seconds until the next release that could change a page with ``keys``, or None."""
    where = cache_keys.release_filter(keys)
    if where is None:
        return None
    if where:  # a page of some lists: one small query over the stories waiting in them
        release = Story.objects.filter(where).next_release(now)
        return None if release is None else max(0, int((release - now).total_seconds()))
    return seconds_until_next_release(now)


def seconds_until_next_release(now):
    """Seconds until the next scheduled publish time or embargo end anywhere, or None."""
    entry = page_cache.get(NEXT_RELEASE_KEY)
    if entry is not None:
        release, moment = entry
        if (release is None or release > now) and still_current([SCHEDULE], moment):
            return None if release is None else max(0, int((release - now).total_seconds()))
    moment = clock.now()
    if moment is not None:
        give_versions([SCHEDULE], moment)
    release = Story.objects.next_release(now)
    if moment is not None:
        page_cache.set(NEXT_RELEASE_KEY, (release, moment), None)
    return None if release is None else max(0, int((release - now).total_seconds()))


# The page cache


def cache_public_page(view):
    """Serve ``view`` from the page cache for anonymous GET and HEAD requests."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        max_age = settings.NEWSROOM_PAGE_CACHE_SECONDS
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_store=True)
            return _labelled(response, "bypass")
        if not max_age or request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)

        now = timezone.now()
        key, entry, hit = getattr(request, "newsroom_page_lookup", None) or _look_up(request, now)
        if hit is not None:
            return hit
        rendering = RENDERING_PREFIX + key.removeprefix(PAGE_PREFIX)
        rendering_here = page_cache.add(rendering, 1, RENDER_WAIT_SECONDS) is not False
        if not rendering_here:
            hit = _wait_for_render(request, rendering)
            if hit is not None:
                return hit
            now = timezone.now()
        try:
            return _render(view, request, args, kwargs, key, entry, now, max_age)
        finally:
            if rendering_here:
                page_cache.delete(rendering)

    wrapped.serves_cached_pages = True  # CachedPageMiddleware looks for it
    return wrapped


def _wait_for_render(request, rendering):
    """The page another request is rendering, once it has stored it; None when it stores none
    (a page not kept, a render that failed) or takes longer than ``RENDER_WAIT_SECONDS``.

    A page read many times a second (the home page, a story just edited) is
    asked for again and again while it renders after a change: each of those
    requests rendering it too made a dozen renders at once, each slower for the
    others' sharing the processors, and a dozen misses. What is served is
    checked as any hit is: a render that started before a change never passes
    for current.
    """
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(RENDER_POLL_SECONDS)
        if page_cache.get(rendering) is None:  # stored (or given up): one look
            return _look_up(request, timezone.now())[2]
    return None


def _render(view, request, args, kwargs, key, entry, now, max_age):
    """Render the page, and store it when it may be kept."""
    moment = clock.now()
    # Read before the render reads the database: a bump finished before this
    # is in what the render reads; one finished after it moves the generation.
    checked_under = generation() if moment is not None else None
    started = _render_started.set(moment)
    try:
        with cache_keys.recording() as keys:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response.render()
        until_release = seconds_until_release(keys, now)
    except DATABASE_UNAVAILABLE as error:
        # The stale window is checked on our clock too, as the fresh one is above.
        if entry is None or entry["expires"] + settings.NEWSROOM_PAGE_STALE_SECONDS <= now.timestamp():
            raise  # frontend.errors.DatabaseOutageMiddleware answers 503
        logger.warning("Database unavailable; serving a stale copy of %s: %s", request.get_full_path(), error)
        return _from_cache(request, entry, 0, "stale")
    finally:
        _render_started.reset(started)
    until_change = cache_keys.seconds_until_change(keys, now)
    lifetime = _lifetime(keys, max_age)
    keys = cache_keys.with_coarse_keys(
        {
            key
            for key in keys
            if not key.startswith((cache_keys.WAITING_PREFIX, cache_keys.UNTIL_PREFIX))
            and key != cache_keys.EVERY_PART_TRACKED
        }
    )
    ttl = min(seconds for seconds in (lifetime, until_release, until_change) if seconds is not None)
    if response.status_code not in CACHED_STATUSES or ttl <= 0:
        return _labelled(response, "miss")
    etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    last_modified = _last_modified(response, entry, etag, now)
    _http_caching(response, etag, last_modified, keys, min(ttl, max_age))
    if moment is not None and checked_under is not None:
        give_versions(keys, moment)
        new_entry = {
            "status": response.status_code,
            # Worked out once here, so that a hit only copies them.
            "headers": {name: response[name] for name in STORED_HEADERS if response.has_header(name)},
            "content": response.content,
            "expires": now.timestamp() + ttl,
            "moment": moment,
            "generation": checked_under,
            "format": ENTRY_FORMAT,
            # Names this copy in the note of the generation it was last checked under.
            "token": uuid.uuid4().hex,
            "keys": sorted(keys),
            "etag": etag,
            "last_modified": last_modified,
        }
        page_cache.set(key, new_entry, ttl + settings.NEWSROOM_PAGE_STALE_SECONDS)
    return _labelled(get_conditional_response(request, etag, last_modified, response), "miss")


def render_moment():
    """When the page being rendered started, for a fragment stored within it; else now.

    A fragment gives versions to its keys as a page does (``give_versions()``),
    and the page storing it comes after: versions given at the fragment's later
    moment would tell the page that what it shows changed after it started."""
    moment = _render_started.get()
    return clock.now() if moment is None else moment


def _lifetime(keys, max_age):
    """How long the page recorded as ``keys`` may be kept, scheduled changes aside.

    ``max_age`` (``NEWSROOM_PAGE_CACHE_SECONDS``) for most pages. A page whose
    view said every part of it is tracked (``cache_keys.every_part_tracked()``:
    articles) is forgotten by its keys the moment anything on it changes, so a
    short lifetime would only make the long tail of the archive, read less than
    once a minute, render on nearly every visit: it is kept
    ``NEWSROOM_TRACKED_PAGE_CACHE_SECONDS``, never less than other pages.
    Browsers and CDNs are still told ``max_age`` at most (``_http_caching()``):
    nobody tells them of a change unless a purge backend is set.
    """
    if cache_keys.EVERY_PART_TRACKED in keys:
        return max(max_age, settings.NEWSROOM_TRACKED_PAGE_CACHE_SECONDS)
    return max_age


def _look_up(request, now):
    """The page's cache key, its stored entry if still current, and the response when that is fresh."""
    path = f"{request.get_host()}{request.get_full_path()}"
    key = f"{PAGE_PREFIX}{hashlib.sha256(path.encode()).hexdigest()}"
    entry, current = _current_entry(key, now)
    if entry is not None and entry["expires"] > now.timestamp():
        # The entry carries its own expiry, checked against the app's clock:
        # a cache server's clock may run slightly apart from ours.
        left = max(0, int(entry["expires"] - now.timestamp()))
        hit = _from_cache(request, entry, min(left, settings.NEWSROOM_PAGE_CACHE_SECONDS), "hit")
        hit.found_current_under = current
        return key, entry, hit
    return key, entry, None


class CachedPageMiddleware:
    """Answer a fresh hit before the middleware below it runs.

    Sessions, CSRF, authentication, messages and login throttling have
    nothing to do for a reader without a session cookie asking for a page
    already rendered, yet walking through them cost about as much as the hit
    itself; so did django-csp building the same policy again for every
    response. Above them in ``MIDDLEWARE``, below the middleware that sets
    the other headers every page carries (security, framing, permissions
    policy). The CSP headers of a view's pages are learned from its first
    response that used no nonce (the policy is then the settings' and the
    view's own, the same each time) and a hit of that view is given them;
    until then its hits go down the stack as before. Only paths of views
    behind ``cache_public_page`` are looked up (a health check never waits
    for the cache); every miss goes on down the stack, handing the view what
    was read.
    """

    learned_headers = ("Content-Security-Policy", "Content-Security-Policy-Report-Only")

    def __init__(self, get_response):
        self.get_response = get_response
        self.headers_of_view = {}

    def __call__(self, request):
        view = None
        if (
            settings.NEWSROOM_PAGE_CACHE_SECONDS
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        ):
            view = _cached_view(getattr(request, "urlconf", None) or settings.ROOT_URLCONF, request.path_info)
        if view is None:
            return self.get_response(request)
        headers = self.headers_of_view.get(view)
        if headers is not None:
            key, entry, hit = _look_up(request, timezone.now())
            if hit is not None:
                for name, value in headers.items():
                    hit[name] = value
                if hit.found_current_under is not None:
                    # What goes out may be answered from this process's memory next (frontend/hot_pages.py).
                    request.META[HOT_PAGE] = HotPage(
                        hit.found_current_under, entry["expires"], entry["moment"], entry["keys"]
                    )
                return hit
            request.newsroom_page_lookup = key, entry, None
        response = self.get_response(request)
        if response.get("X-Cache") in ("hit", "miss") and getattr(request, "_csp_nonce", None) is None:
            self.headers_of_view[view] = {
                name: response[name] for name in self.learned_headers if response.has_header(name)
            }
        return response


@lru_cache(maxsize=20_000)
def _cached_view(urlconf, path):
    """The view behind ``cache_public_page`` answering ``path``, or None.

    Remembered per path: resolving an article's address walks most of the
    URLconf, which cost a hit more than reading the cache. The URLconf never
    changes in a process."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None
    return match.func if getattr(match.func, "serves_cached_pages", False) else None


def _current_entry(key, now):
    """The page stored under ``key`` if none of the keys it shows was bumped since its render,
    and the generation it is known current under (None when the cache cannot say).

    One ``get_many`` when nothing was bumped since the page was last checked
    (the generation has not moved); else its keys' versions are read too.
    """
    checked = CHECKED_PREFIX + key.removeprefix(PAGE_PREFIX)
    found = page_cache.get_many([key, checked, GENERATION_KEY]) or {}
    entry, current = found.get(key), found.get(GENERATION_KEY)
    if entry is None or entry.get("format") != ENTRY_FORMAT:  # absent, or stored by an older release
        return None, None
    if current is not None and current in (entry["generation"], _checked_under(found.get(checked), entry)):
        return entry, current
    if not current_under(current, entry["keys"], entry["moment"]):
        return None, None  # something it shows changed: never serve it, not even stale
    if current is not None and entry["expires"] > now.timestamp():
        # Still right under this generation: the next hits need not read the versions.
        # Kept beside the page, a few bytes, rather than writing the whole page again.
        left = int(entry["expires"] - now.timestamp())
        page_cache.set(checked, (entry["token"], current), left + settings.NEWSROOM_PAGE_STALE_SECONDS)
    return entry, current


def _checked_under(checked, entry):
    """The generation ``entry`` was last found current under, from its ``checked`` note.

    The note names the entry it is about: one left by a copy since rendered
    again says nothing of the new one."""
    if checked is None:
        return None
    token, generation_checked = checked
    return generation_checked if token == entry["token"] else None


def _last_modified(response, previous, etag, now):
    """When this content was first rendered: the previous copy's time if it is the same page
    (a feed's own Last-Modified, its newest story, when it gives one)."""
    if response.has_header("Last-Modified"):
        return parse_http_date_safe(response["Last-Modified"]) or int(now.timestamp())
    if previous is not None and previous["etag"] == etag:
        return previous["last_modified"]
    return int(now.timestamp())


def _http_caching(response, etag, last_modified, keys, max_age):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    if response.has_header("Cache-Control"):
        patch_cache_control(
            response,
            public=True,
            max_age=max_age,
            s_maxage=max_age,
            stale_while_revalidate=STALE_WHILE_REVALIDATE_SECONDS,
            stale_if_error=settings.NEWSROOM_PAGE_STALE_SECONDS,
        )
    else:
        response["Cache-Control"] = cache_control(max_age)
    response["Surrogate-Key"] = " ".join(sorted(keys))
    response["Cache-Tag"] = ",".join(sorted(keys))


def _from_cache(request, entry, max_age, label):
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"].items():
        response[name] = value
    response["Cache-Control"] = cache_control(max_age)
    response["Content-Length"] = len(entry["content"])  # as CommonMiddleware, below a hit, would
    return _labelled(
        get_conditional_response(request, entry["etag"], entry["last_modified"], response), label
    )


def cache_control(max_age):
    return (
        f"public, max-age={max_age}, s-maxage={max_age}, "
        f"stale-while-revalidate={STALE_WHILE_REVALIDATE_SECONDS}, "
        f"stale-if-error={settings.NEWSROOM_PAGE_STALE_SECONDS}"
    )


def _labelled(response, label):
    response["X-Cache"] = label
    return response


def cache_public_pages(patterns):
    """Put every URL pattern of ``patterns`` behind the page cache; returns them."""
    for pattern in patterns:
        pattern.callback = cache_public_page(pattern.callback)
    return patterns
