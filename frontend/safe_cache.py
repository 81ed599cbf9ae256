"""The page cache's view of the shared cache: an unreachable cache is a miss.

A cached page only saves work, so when Redis is down, restarting or out of
reach the reader site carries on without it: reads answer "not cached",
writes are dropped, and each failure is logged, never raised to a reader or
to an editor whose save triggered an invalidation. Nothing is remembered
between calls, so caching resumes by itself as soon as Redis answers again.

Why a wrapper for the page cache rather than a forgiving cache backend for
the whole site: the right answer to "the cache failed" depends on the caller.
For a page, a miss is harmless. For a counter of failed logins, or for
``/readyz`` asking whether the cache works, treating an error as "nothing
stored" would silently fail open or lie. So the default cache keeps raising,
and the page cache (``frontend/caching.py``) reads and writes through
``page_cache`` below. How long a call may wait for a server that does not
answer is bounded by the socket timeouts in ``CACHES`` (settings).
"""

import logging

from django.core.cache import cache, caches
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class ForgivingCache:
    """The default cache's calls the page cache makes, logging the cache server's errors.

    A failed ``get_many`` answers None ("cannot say"), not ``{}`` ("none of them"),
    so a caller can tell an outage from keys that were never stored.
    """

    @property
    def backend(self):
        return caches["default"]

    def get(self, key, default=None):
        return self._call("get", key, default, fallback=default)

    def get_many(self, keys):
        return self._call("get_many", keys, fallback=None)

    def set_many(self, mapping, timeout):
        self._call("set_many", mapping, timeout, fallback=None)

    def incr(self, key):
        """The incremented value; None when the key is missing or the cache is unreachable."""
        try:
            return self._call("incr", key, fallback=None)
        except ValueError:  # Django's answer for a missing key
            return None

    def add(self, key, value, timeout):
        """True when stored, False when the key was there already; None when the cache cannot say."""
        return self._call("add", key, value, timeout, fallback=None)

    def delete(self, key):
        self._call("delete", key, fallback=None)

    def set(self, key, value, timeout):
        self._call("set", key, value, timeout, fallback=None)

    def _call(self, method, *args, fallback):
        try:
            return getattr(cache, method)(*args)
        except RedisError as error:
            # Only the cache server's own errors (refused, timed out, loading,
            # read-only): a bug such as an unpicklable value still raises.
            logger.warning("Page cache unavailable, serving uncached: %s: %s", type(error).__name__, error)
            return fallback


page_cache = ForgivingCache()
