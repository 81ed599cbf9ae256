"""Per-key rate limits, counted in the shared cache so every process sees the same count.

A fixed one-minute window per key: the first request of a window creates its
counter (``cache.add``, atomic on Redis and on local memory), the others
increment it (``cache.incr``, atomic too). Simple and enough to keep one
partner from starving the others; a burst at a window's edge can reach twice
the limit, which is accepted.
"""

import time

from django.core.cache import cache

WINDOW_SECONDS = 60


class RateLimited(Exception):
    def __init__(self, retry_after):
        super().__init__(f"rate limit reached; retry in {retry_after} s")
        self.retry_after = retry_after


def hit(key):
    """Count one request of ``key``; ``RateLimited`` when it is over its limit. Returns what is left."""
    now = time.time()
    window = int(now // WINDOW_SECONDS)
    counter = f"api:rate:{key.pk}:{window}"
    if cache.add(counter, 1, timeout=WINDOW_SECONDS + 5):
        used = 1
    else:
        try:
            used = cache.incr(counter)
        except ValueError:  # expired between add() and incr()
            cache.add(counter, 1, timeout=WINDOW_SECONDS + 5)
            used = 1
    if used > key.requests_per_minute:
        raise RateLimited(retry_after=max(1, int((window + 1) * WINDOW_SECONDS - now)))
    return key.requests_per_minute - used
