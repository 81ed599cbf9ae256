"""Id queries a hot page runs on every render, compiled to SQL once per process.

Building and compiling a queryset costs Django about a millisecond per part,
and a front's candidates are a union of a dozen parts (articles/unions.py):
most of a home page's time before it had read a row. Yet from one render to
the next only the moment changes ("public at ``now``"); the desks, the limits
and the stories placed on the front stay the same for hours. So the SQL is
compiled once for each shape of the query, with a stand-in moment, and each
run puts the real moment where the stand-in was.

What comes back are plain rows (``values_list``), so nothing of Django's row
handling is skipped but the building. The visibility rule is still the one in
``articles.models.published_q``: it is what the SQL is compiled from.
"""

from datetime import UTC, datetime

from django.db import connections

from articles.recently_used import RecentlyUsed

# Stand-in for "now" while a query is compiled: a moment no real query asks about.
STAND_IN = datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=UTC)
# Shapes kept per process; a front rearranged makes a new one, the least used is dropped.
KEPT_SHAPES = 256

_compiled = RecentlyUsed(KEPT_SHAPES)


def rows_at(now, shape, build):
    """The rows of ``build(moment)``, a ``values_list`` queryset, for ``moment=now``.

    ``shape`` names everything ``build`` depends on but the moment (hashable):
    two calls with the same shape must build the same query."""
    compiled = _compiled.get(shape)
    if compiled is None:
        compiled = _compile(build(STAND_IN))
        if compiled is None:  # the moment is not among the parameters: nothing to swap
            return list(build(now))
        _compiled.keep(shape, compiled)
    alias, sql, params, moments = compiled
    adapted = connections[alias].ops.adapt_datetimefield_value(now)
    params = [adapted if index in moments else value for index, value in enumerate(params)]
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _compile(queryset):
    alias = queryset.db
    sql, params = queryset.query.get_compiler(using=alias).as_sql()
    stand_in = connections[alias].ops.adapt_datetimefield_value(STAND_IN)
    moments = frozenset(index for index, value in enumerate(params) if value == stand_in)
    return (alias, sql, tuple(params), moments) if moments else None
