"""Django's Redis cache for a test worker sharing one Redis database with others."""

from django.core.cache.backends.redis import RedisCache


class WorkerRedisCache(RedisCache):
    """Keys under this worker's KEY_PREFIX; ``clear()`` removes only those.

    RedisCache.clear() empties the whole Redis database (FLUSHDB): every test
    starts with ``cache.clear()``, which would wipe the pages and versions of the
    test another worker (or another checkout's CI) is running at that moment.
    """

    def clear(self):
        client = self._cache.get_client(write=True)
        # Keys are "<prefix>:<version>:<key>" (Django's default KEY_FUNCTION).
        keys = list(client.scan_iter(match=f"{self.key_prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
        return True
