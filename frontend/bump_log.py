"""What each recent bump touched, so that a process can tell which of its pages a bump concerns.

Why: a page kept in a process's memory (``frontend/hot_pages.py``), or found
in the shared cache, is served as stored while the generation has not moved.
Once it moves (on a news day something is bumped every few seconds) each
page's next request read its own keys' versions, one ``MGET`` of 20 to 200
keys, before it was trusted again: thousands of reads after every save, each
paid by a reader, and most of the busy period's lost throughput in
``bench/news_day.py``.

How: on Redis the page cache's clock is a counter the server increments, one
value per bump (``caching._Clock``), so bumps are numbered without gaps. Each
bump stores the keys it bumped under its number, before it writes their
versions and the new generation. A process that sees the generation move reads
the clock and the bumps it has not seen yet, once for all its pages, and
remembers the latest bump of each key. A page whose render started at moment
``m`` is then still current when every bump since ``m`` is known and none of
its keys' latest bumps is after ``m``.

The log only ever spares reads. When it cannot vouch for a page (a bump is
still being written, an entry expired, more bumps since the page's render
than a process reads back (``READ_AT_MOST``), or the cache is not Redis:
the file cache's clock is the time, not a count) it answers None and the
page's versions are read as before.
"""

import threading

PREFIX = "newsroom:bumped:"
# Long enough for any process that serves pages to read them; they are small.
SECONDS = 60 * 60
# Bumps a process reads back when it starts, or when it has fallen this far behind.
READ_AT_MOST = 1000
# A missing bump this far behind the clock is taken as gone for good (its process
# died between counting and writing it, or it expired); a nearer one may still be
# being written, and is asked for again.
GIVE_UP_AFTER = 200
# Keys remembered at most; past that the log forgets and starts afresh.
KEYS_AT_MOST = 100_000


class BumpLog:
    """This process's view of the recent bumps (one per process, threads share it)."""

    def __init__(self, cache, read_clock):
        self.cache, self.read_clock = cache, read_clock
        self.lock = threading.Lock()
        self.generation = None  # the generation the clock was last read under
        self.through = None  # the clock's value then: every bump up to it is counted
        self.known_from = None  # every bump from here to ``through`` is known, missing ones aside
        self.missing = set()
        self.latest = {}  # key -> the number of its latest known bump

    def record(self, number, keys):
        """Store what bump ``number`` touched; called before its versions are written."""
        self.cache.set(f"{PREFIX}{number}", sorted(keys), SECONDS)

    def untouched(self, keys, moment, generation):
        """Whether no bump after ``moment`` touched ``keys``, as of ``generation``: True or
        False, or None when the log cannot say."""
        with self.lock:
            if generation != self.generation:
                self._catch_up(generation)
            if self.through is None or moment + 1 < self.known_from:
                return None
            if self.missing and moment < max(self.missing):
                return None
            latest = self.latest
            return not any(latest.get(key, 0) > moment for key in keys)

    def _catch_up(self, generation):
        clock = self.read_clock()
        if not isinstance(clock, int):
            self.generation = self.through = None  # not a counter (or unreadable): nothing to say
            return
        afresh = self.through is None or clock < self.through or clock - self.through > READ_AT_MOST
        if afresh:
            self._start_afresh(clock)
        wanted = sorted(self.missing | set(range(self.through + 1, clock + 1)))
        found = self.cache.get_many([f"{PREFIX}{number}" for number in wanted]) if wanted else {}
        if found is None:  # the cache cannot say
            self.generation = self.through = None
            return
        for number in wanted:
            keys = found.get(f"{PREFIX}{number}")
            if keys is None:
                self.missing.add(number)
                continue
            self.missing.discard(number)
            for key in keys:
                if self.latest.get(key, 0) < number:
                    self.latest[key] = number
        # Read afresh, the bumps below the first one found are before the log began (or expired).
        first = min((number for number in wanted if f"{PREFIX}{number}" in found), default=clock + 1)
        for number in sorted(self.missing):
            if number <= clock - GIVE_UP_AFTER or (afresh and number < first):
                # Gone for good: pages rendered before it are never vouched for by the log.
                self.missing.discard(number)
                self.known_from = max(self.known_from, number + 1)
        if len(self.latest) > KEYS_AT_MOST:
            self._start_afresh(clock)
            self.known_from = clock + 1
        self.generation, self.through = generation, clock

    def _start_afresh(self, clock):
        """Forget what is known and read the latest ``READ_AT_MOST`` bumps again."""
        self.latest, self.missing = {}, set()
        self.through = clock - READ_AT_MOST
        self.known_from = self.through + 1
