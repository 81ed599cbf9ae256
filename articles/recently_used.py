"""Values a process keeps in its own memory by key, least recently used dropped first.

For what never goes stale once computed (a card's HTML under the digest of
what it shows, a query's compiled SQL), so nothing has to invalidate them;
the bound only makes room. Safe to share between the threads of one process.
"""

import threading
from collections import OrderedDict


class RecentlyUsed:
    def __init__(self, size):
        self.size = size
        self.values = OrderedDict()
        self.lock = threading.Lock()  # gunicorn's threaded workers share one instance

    def get(self, key):
        """The value kept under ``key``, or None."""
        with self.lock:
            value = self.values.get(key)
            if value is not None:
                self.values.move_to_end(key)
            return value

    def keep(self, key, value):
        with self.lock:
            self.values[key] = value
            self.values.move_to_end(key)
            if len(self.values) > self.size:
                self.values.popitem(last=False)
