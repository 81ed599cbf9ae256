"""Automatic "More on this" suggestions: public stories related to a story,
asked for as ``Story.objects.related_to(story)``; and promoting one of them to
a hand-picked related link.

A candidate scores for each topic it shares with the story, for sharing its
section (or its parent section), and on PostgreSQL for how well its search
document matches the story's headline words. Hand-picked related links and the
story itself are never suggested, so the two lists never repeat each other.
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, transaction
from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from taggit.models import TaggedItem

from articles.search import SEARCH_CONFIG
from articles.unions import union_of_slices

SUGGESTION_COUNT = 5
CANDIDATE_POOL = 200
# Stories that share only the section score least; the newest few are enough.
SECTION_POOL = 20
TAG_WEIGHT = 3.0
SECTION_WEIGHT = 2.0
PARENT_SECTION_WEIGHT = 1.0
TEXT_WEIGHT = 10.0
# Headline words shorter than this say little about a story ("the", "and", "US").
MIN_WORD_LENGTH = 4
MAX_TEXT_WORDS = 8


def related_stories(stories, story, *, limit=SUGGESTION_COUNT):
    """Up to ``limit`` of ``stories`` (public ones) related to ``story``, best first.

    Only a bounded pool is scored, whatever the size of the archive: the public
    ones among the ``CANDIDATE_POOL`` stories last tagged with one of its topics,
    the newest ``SECTION_POOL`` of the nearby sections and, on PostgreSQL, the
    newest ``CANDIDATE_POOL`` matching the headline's words. Each pool is one walk down an index (taggit's
    tag index, the story table's (section, status, publish_at) one, the search
    vector's GIN index or the publish-time one); an ``OR`` of them over a join
    would make PostgreSQL read every tagged story instead.

    Reads the story's tags and related links through prefetches when present
    (``Story.objects.for_article_page()``), so the article page pays one query.
    """
    tag_ids = [tag.pk for tag in story.tags.all()]
    picked = [link.target_id for link in story.related_links.all() if link.target_id]
    candidates = stories.exclude(pk=story.pk).exclude(pk__in=picked).order_by()
    # The story's section, its parent, and the children of either (a subquery on a small table).
    section_ids = {story.section_id, story.section.parent_id} - {None}
    sections = type(story.section).objects
    near_ids = sections.filter(Q(pk__in=section_ids) | Q(parent_id__in=section_ids)).values("pk")
    story_type = ContentType.objects.get_for_model(type(story))
    # The latest-tagged rows first (ids grow with time), read through taggit's tag index
    # and cut off, so the pool costs the same however far back the topics' stories go:
    # left to choose, PostgreSQL sometimes walks the whole publish-time index instead.
    tagged = (
        TaggedItem.objects.filter(content_type=story_type, tag_id__in=tag_ids)
        .order_by("-object_id")
        .values("object_id")[:CANDIDATE_POOL]
    )
    pools = [_newest(candidates.filter(section_id__in=near_ids), SECTION_POOL)]
    if tag_ids:
        pools.append(_newest(candidates.filter(pk__in=tagged), CANDIDATE_POOL))
    # Counted straight from taggit's table, so the lookup per candidate uses its
    # (content_type, object_id) index instead of joining through stories.
    shared_tags = Subquery(
        TaggedItem.objects.filter(content_type=story_type, object_id=OuterRef("pk"), tag_id__in=tag_ids)
        .values("object_id")
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    )
    score = Coalesce(shared_tags, 0) * Value(TAG_WEIGHT) + Case(
        When(section_id=story.section_id, then=Value(SECTION_WEIGHT)),
        When(section_id__in=near_ids, then=Value(PARENT_SECTION_WEIGHT)),
        default=Value(0.0),
        output_field=FloatField(),
    )
    text_query = _headline_query(story) if connection.vendor == "postgresql" else None
    if text_query is not None:
        pools.append(_newest(candidates.filter(search_vector=text_query), CANDIDATE_POOL))
        score = score + SearchRank(F("search_vector"), text_query) * Value(TEXT_WEIGHT)
    return list(
        candidates.filter(pk__in=union_of_slices(pools))
        .select_related("section", "section__parent")
        .annotate(relatedness=score)
        .order_by("-relatedness", "-publish_at", "-pk")[:limit]
    )


def _newest(stories, count):
    return stories.order_by("-publish_at", "-pk").values("pk")[:count]


def _headline_query(story):
    """Any of the story's significant headline words, as a full-text query."""
    words = []
    for word in re.findall(r"\w+", story.headline.lower()):
        if len(word) >= MIN_WORD_LENGTH and word not in words:
            words.append(word)
    query = None
    for word in words[:MAX_TEXT_WORDS]:
        term = SearchQuery(word, config=SEARCH_CONFIG)
        query = term if query is None else query | term
    return query


def promote(story, target):
    """Make ``target`` one of ``story``'s hand-picked related links, placed last.

    Returns ``(link, created)``; promoting a story that is already linked changes nothing.
    """
    with transaction.atomic():
        existing = story.related_links.select_for_update().filter(target=target).first()
        if existing:
            return existing, False
        last = story.related_links.aggregate(last=Max("position"))["last"]
        link = story.related_links.create(target=target, position=0 if last is None else last + 1)
        return link, True
