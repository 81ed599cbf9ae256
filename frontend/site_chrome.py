"""What every public page shows around its content: the navigation's sections
and the breaking-news banner, read from the database only after they may have changed.

Every render asked the database for both (two of an article page's nine
queries), yet they change only when an editor changes a section or a banner.
Every change of content, made by any process, writes a new page-cache
generation once committed (``frontend.caching.bump``). So each process keeps
what it read together with the generation it read first, and reads again as
soon as the generation has moved: one cache read instead of two queries, and
still right across processes. When the cache cannot say, the database is read
as before.

A banner disappears at its expiry with nothing to bump, so the banners are
kept with their expiry and the one to show is picked at each render.
"""

from dataclasses import dataclass

from django.utils import timezone

from articles.models import Section
from frontend import cache_keys, caching
from fronts.models import Banner


@dataclass(frozen=True)
class Chrome:
    generation: str
    sections: list  # the top-level sections, in order
    banners: list  # not expired when read, the newest first

    def banner(self, now=None):
        """The newest banner that has not expired, or None."""
        now = now or timezone.now()
        banner = next((banner for banner in self.banners if banner.expires_at > now), None)
        if banner is not None:
            # A page showing it is kept no longer than it shows (as when the row is loaded).
            cache_keys.changes_at(banner.expires_at)
        return banner


_kept: Chrome | None = None


def current():
    """The navigation and the banners as they are now: one cache read while nothing changed."""
    global _kept
    generation = caching.generation()
    kept = _kept
    if generation is not None and kept is not None and kept.generation == generation:
        return kept
    # Read after the generation: a change committed meanwhile is either seen now or
    # moves the generation again, so nothing older is ever kept under a newer generation.
    chrome = Chrome(generation, list(Section.objects.top_level()), list(Banner.objects.showing()))
    if generation is not None:
        _kept = chrome
    return chrome
