""" "More on this" for the article page, without scoring on every render.

Scoring related stories (``Story.objects.related_to()``) is the dearest query
of the article page and its cost grows with the archive. The ids it picks are
kept in the shared cache (through the page cache's forgiving view of it, so an
unreachable cache only means scoring again) per story (and per version of the story, so an edit
of its topics or section is scored afresh), for ``RELATED_SECONDS`` at most,
and forgotten whenever any story goes live or comes down (a workflow
transition), so new stories join the lists within that time.

What readers see is still decided at query time: the kept ids are looked up
through ``Story.objects.published()``, so a story that stops being public
drops out of every list at once.

A cached article page keeps its list up to ``RELATED_SECONDS`` too: the stories
it shows are recorded (their edits and withdrawals forget the page at once),
but a story that could join the list does not forget every page it might join.
"""

from datetime import timedelta
from uuid import uuid4

from django.db import transaction
from django.utils import timezone

from articles.models import Story
from articles.related import SUGGESTION_COUNT
from frontend.cache_keys import changes_at
from frontend.safe_cache import page_cache as cache

RELATED_SECONDS = 15 * 60
GENERATION_KEY = "newsroom:related-generation"
# Scored a few more than shown, so a story going private still leaves a full list.
SPARE = 3


def _generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    return generation


def start_new_generation(**kwargs):
    """Receiver of ``articles.signals.story_transitioned`` (connected in FrontendConfig.ready).

    Once per transaction however many stories it moves: an import publishes hundreds
    in one, and one new generation after the commit covers them all."""
    connection = transaction.get_connection()
    if not any(func is _new_generation for _, func, _ in connection.run_on_commit):
        transaction.on_commit(_new_generation)


def _new_generation():
    cache.set(GENERATION_KEY, uuid4().hex, None)


def suggestions(story):
    """Up to ``SUGGESTION_COUNT`` public stories related to ``story``, best first."""
    # A new story may score into the list: the cached page is rendered again within
    # RELATED_SECONDS (frontend/cache_keys.py says why no list key is recorded here).
    changes_at(timezone.now() + timedelta(seconds=RELATED_SECONDS))
    key = f"newsroom:related:{_generation()}:{story.pk}:{story.lock_version}"
    ids = cache.get(key)
    if ids is None:
        ids = [other.pk for other in Story.objects.related_to(story, limit=SUGGESTION_COUNT + SPARE)]
        cache.set(key, ids, RELATED_SECONDS)
    if not ids:
        return []
    found = {
        other.pk: other for other in Story.objects.published().filter(pk__in=ids).select_related("section")
    }
    return [found[pk] for pk in ids if pk in found][:SUGGESTION_COUNT]
