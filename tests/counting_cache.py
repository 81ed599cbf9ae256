"""A local-memory cache that lists the calls made to it: with Redis, each is a round trip."""

from django.core.cache.backends.locmem import LocMemCache

COUNTED = ("get", "get_many", "set", "set_many", "add", "incr", "delete", "delete_many", "has_key")


class CountingCache(LocMemCache):
    calls = []
    keys_read = []  # the keys the caller asked get() and get_many() for
    _depth = 0  # LocMemCache.get_many calls get: count only the call the caller made


def _counted(name):
    def method(self, *args, **kwargs):
        if CountingCache._depth == 0:
            CountingCache.calls.append(name)
            if name == "get":
                CountingCache.keys_read.append(args[0])
            elif name == "get_many":
                CountingCache.keys_read.extend(args[0])
        CountingCache._depth += 1
        try:
            return getattr(LocMemCache, name)(self, *args, **kwargs)
        finally:
            CountingCache._depth -= 1

    return method


for _name in COUNTED:
    setattr(CountingCache, _name, _counted(_name))
