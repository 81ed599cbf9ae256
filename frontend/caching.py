"""Whole-page caching for the public site.

Public pages are the same for every anonymous reader, so a rendered page is
kept in the shared cache (Redis in production). Three rules keep it honest:

- Any change to content (``articles.signals.content_changed``) bumps a
  generation number that is part of every key, so an edit, an unpublish or a
  correction shows at once on every process.
- A page is never kept past the next moment a scheduled story goes live or an
  embargo lifts, so nothing appears late and nothing appears early.
- Requests that carry a session cookie are neither served from nor stored in
  the cache: what staff see can never end up in front of the public.

Staying up when a service fails:

- The cache is read and written through ``frontend.safe_cache.page_cache``:
  when Redis is unreachable pages are rendered uncached and nothing raises.
- The new generation is written once the change is committed, so a save
  never fails because of the cache, and a reader rendering between the bump
  and the commit cannot store the old content under the new generation.
- Stale-if-error: each page is kept ``NEWSROOM_PAGE_STALE_SECONDS`` beyond
  its fresh lifetime. When rendering fails because the database is
  unreachable, that stale copy is served (``X-Cache: stale``). It is safe to
  show: every change starts a new generation, so a stale copy only ever
  lacks a story that went live since, never shows one that was withdrawn.

Every response through the cache says ``X-Cache: hit``, ``miss`` or ``stale``.
"""

import hashlib
import logging
from functools import wraps
from uuid import uuid4

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from articles.models import Story
from frontend.errors import DATABASE_UNAVAILABLE
from frontend.safe_cache import page_cache

logger = logging.getLogger(__name__)

GENERATION_KEY = "newsroom:content-generation"
CACHED_STATUSES = {200, 301}
CACHED_HEADERS = ["Content-Type", "Location", "Content-Language"]


def content_generation():
    generation = page_cache.get(GENERATION_KEY)
    if generation is None:
        page_cache.add(GENERATION_KEY, uuid4().hex, None)
        generation = page_cache.get(GENERATION_KEY)
    return generation


def start_new_generation(**kwargs):
    """Receiver of ``articles.signals.content_changed`` (connected in FrontendConfig.ready)."""
    transaction.on_commit(lambda: page_cache.set(GENERATION_KEY, uuid4().hex, None))


def seconds_until_next_release(generation, now):
    """Seconds until the next scheduled publish time or embargo end, or None."""
    key = f"newsroom:next-release:{generation}"
    release = page_cache.get(key)
    if release is None:
        release = Story.objects.next_release(now) or False  # False: known to be none
        page_cache.set(key, release, settings.NEWSROOM_PAGE_CACHE_SECONDS)
    if not release:
        return None
    return max(0, int((release - now).total_seconds()))


def cache_public_page(view):
    """Serve ``view`` from the page cache for anonymous GET and HEAD requests."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        max_age = settings.NEWSROOM_PAGE_CACHE_SECONDS
        if (
            not max_age
            or request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return view(request, *args, **kwargs)

        now = timezone.now()
        generation = content_generation()
        path = f"{request.get_host()}{request.get_full_path()}"
        # No generation: the cache is unreachable (page_cache logged it); render uncached.
        key = generation and f"newsroom:page:{generation}:{hashlib.sha256(path.encode()).hexdigest()}"
        hit = page_cache.get(key) if key else None
        # The entry also carries its own expiry, checked against the app's clock:
        # a cache server's clock may run slightly apart from ours.
        if hit is not None and hit[3] > now.timestamp():
            return _from_cache(hit, max(0, int(hit[3] - now.timestamp())), "hit")

        try:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response.render()
            until_release = seconds_until_next_release(generation, now)
        except DATABASE_UNAVAILABLE as error:
            # The stale window is checked on our clock too, as the fresh one is above.
            if hit is None or hit[3] + settings.NEWSROOM_PAGE_STALE_SECONDS <= now.timestamp():
                raise  # frontend.errors.DatabaseOutageMiddleware answers 503
            logger.warning("Database unavailable; serving a stale copy of %s: %s", path, error)
            return _from_cache(hit, 0, "stale")
        ttl = max_age if until_release is None else min(max_age, until_release)
        if key and response.status_code in CACHED_STATUSES and ttl > 0:
            headers = {name: response[name] for name in CACHED_HEADERS if response.has_header(name)}
            entry = (response.status_code, headers, response.content, now.timestamp() + ttl)
            page_cache.set(key, entry, ttl + settings.NEWSROOM_PAGE_STALE_SECONDS)
        patch_cache_control(response, public=True, max_age=ttl)
        return _labelled(response, "miss")

    return wrapped


def _from_cache(entry, max_age, label):
    status, headers, content, _expires = entry
    response = HttpResponse(content, status=status)
    for name, value in headers.items():
        response[name] = value
    patch_cache_control(response, public=True, max_age=max_age)
    return _labelled(response, label)


def _labelled(response, label):
    response["X-Cache"] = label
    return response


def cache_public_pages(patterns):
    """Put every URL pattern of ``patterns`` behind the page cache; returns them."""
    for pattern in patterns:
        pattern.callback = cache_public_page(pattern.callback)
    return patterns
