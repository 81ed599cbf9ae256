"""Several bounded lists of stories in one query: the newest few of each desk on
the home page, the candidate pools of "More on this"."""

from django.db import connection


def union_of_slices(querysets):
    """The union of ``querysets`` (each sliced, each selecting ids only), for a ``pk__in`` filter.

    Each part keeps its own ``ORDER BY … LIMIT``, so each is one short walk down
    an index, and the database gets one query instead of one per part.
    """
    if not connection.features.supports_slicing_ordering_in_compound:
        # SQLite takes no LIMIT in the parts of a UNION: each part becomes a subquery.
        querysets = [qs.model._base_manager.filter(pk__in=qs).order_by().values("pk") for qs in querysets]
    first, *rest = querysets
    return first.union(*rest) if rest else first
