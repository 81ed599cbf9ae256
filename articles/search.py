"""The search index of stories: what is indexed, and how a query matches it.

On PostgreSQL each story carries a weighted ``search_vector`` (headline A,
standfirst B, body C) indexed with GIN; ``Story.objects.ranked_matches(text)`` ranks by
``ts_rank``. Elsewhere (SQLite in development) every word must appear in the
headline, standfirst or body, and headline matches come first.

The vector is kept up to date by receivers of the core's own signals
(``post_save`` of a story, ``stories_saved`` for batched inserts), connected in
``ArticlesConfig.ready()``. This module imports no model, so the models can use it.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, Func, IntegerField, Q, TextField, Value, When

SEARCH_CONFIG = "english"
MAX_QUERY_WORDS = 10
# Only the newest this many matches are ranked. A word most stories contain
# would otherwise make every search rank (and count) most of the archive;
# readers narrow older results down by date or section instead.
MAX_CANDIDATES = 500


class StripTags(Func):
    """The text of an HTML fragment, tags replaced by spaces (PostgreSQL)."""

    function = "regexp_replace"
    output_field = TextField()

    def __init__(self, expression):
        super().__init__(expression, Value(r"<[^>]*>"), Value(" "), Value("g"))


def story_search_vector():
    return (
        SearchVector("headline", weight="A", config=SEARCH_CONFIG)
        + SearchVector("dek", weight="B", config=SEARCH_CONFIG)
        + SearchVector(StripTags("body"), weight="C", config=SEARCH_CONFIG)
    )


def web_query(text):
    """What a reader typed, as a PostgreSQL full-text query ("quoted phrases", -not, or)."""
    return SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)


def query_words(text):
    return re.findall(r"\w+", text)[:MAX_QUERY_WORDS]


def ranked_pks(stories, text, *, limit=None):
    """The pks of the newest ``limit`` of ``stories`` that match ``text`` (``MAX_CANDIDATES``), best first.

    One query keeps the cost bounded whatever the number of matches: the newest
    matches are found along the publish-time index (or through the GIN index
    when they are rare; the planner picks) and ranked as they are read, each
    search vector read once; only their (pk, rank) come back, to be put in
    order here. What a page shows is then loaded by pk.
    """
    limit = limit or MAX_CANDIDATES
    if connection.vendor == "postgresql":
        query = web_query(text)
        found = stories.filter(search_vector=query)
        rank = SearchRank(F("search_vector"), query)
    else:
        words = query_words(text) or [text]
        found = stories
        headline_hits = Q()
        for word in words:
            found = found.filter(
                Q(headline__icontains=word) | Q(dek__icontains=word) | Q(body__icontains=word)
            )
            headline_hits &= Q(headline__icontains=word)
        rank = Case(When(headline_hits, then=1), default=0, output_field=IntegerField())
    newest = found.annotate(rank=rank).order_by("-publish_at", "-pk").values_list("pk", "rank")[:limit]
    # Python's sort is stable: equal ranks stay newest first, as they were read.
    return [pk for pk, _ in sorted(newest, key=lambda row: -row[1])]


def refresh_search_vectors(model, stories):
    """Recompute the search documents of ``stories`` in one UPDATE (PostgreSQL only)."""
    if connection.vendor != "postgresql" or not stories:
        return
    model.objects.filter(pk__in=[story.pk for story in stories]).update(search_vector=story_search_vector())


def on_story_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_search_vectors(sender, [instance])


def on_stories_saved(sender, stories, indexed=False, **kwargs):
    if not indexed:  # written with their vectors (articles.bulk_copy) or not
        refresh_search_vectors(sender, stories)
