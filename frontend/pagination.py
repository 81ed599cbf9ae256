"""Pages of stories that cost the same at any archive size.

Django's ``Paginator`` counts every row of its list to number the pages, and a
section, topic or author of a large archive holds tens of thousands of public
stories: the count alone read them all on every render. ``CappedPaginator``
counts at most ``MAX_PAGES`` pages (a ``LIMIT`` inside the ``COUNT``, one walk
down the publish-time index), so the list pages reach the newest
``MAX_PAGES × NEWSROOM_STORIES_PER_PAGE`` stories; older ones are in the date
archives, which the last page links to.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

MAX_PAGES = 50


class CappedPaginator(Paginator):
    max_pages = MAX_PAGES

    @cached_property
    def count(self):
        cap = self.per_page * self.max_pages
        counted = self.object_list[: cap + 1].count()
        # True when there are older stories than the last page shows.
        self.capped = counted > cap
        return min(counted, cap)

    capped = False
