"""Each story's "More on this" list, scored once and kept until content changes.

Scoring (``articles/related.py``) is the dearest query an article page would
run, and its answer changes only when content does. So the list is scored the
first time it is asked for and kept as ``Suggestion`` rows; reading it is one
indexed query. It is scored again, when next asked for, after:

- an edit of the story itself (its ``lock_version`` moved on): its topics,
  section or headline may have changed;
- a change to a story on the list (``forget_changed()``, a receiver of
  ``content_changed``): it may score differently or have been withdrawn;
- a new story scoring the story among its own best (``score()`` marks the
  lists of the stories it picks): a new story likely belongs on theirs too.
  Those lists' owners are announced with ``suggestions_outdated`` so that their
  cached pages are forgotten (frontend/related.py).

Only the first scoring of a story (or the first after an edit) marks other
lists, so rescoring never cascades further. A new story reaches its
neighbours' lists when it is first scored: at its first view, or, with a Celery
broker, right after it goes live (``articles.tasks``).

Candidates are all stories with status *published*, scheduled and embargoed
ones included: the list is ids only, what readers see is decided when it is
shown (``visible()``), so a scheduled story appears on its minute with no
rescoring and nothing appears early.
"""

from django.db import DatabaseError, transaction
from django.db.models import Q

from articles.models import RelatedLink, Story, Suggestion, is_public
from articles.related import SUGGESTION_COUNT, related_stories
from articles.signals import suggestions_outdated

# Scored a few more than shown, so a story going private still leaves a full list.
KEPT = SUGGESTION_COUNT + 3


def suggestions_for(story):
    """``story``'s list, best first: as kept, or scored now (and kept) when missing or outdated.

    Reading a kept list is one query; the stories come with their section, all
    statuses included (``visible()`` says which readers may see)."""
    rows = list(
        Suggestion.objects.filter(story=story)
        .select_related("suggested__section")
        .defer("suggested__body", "suggested__search_vector")  # a list shows neither
        .order_by("rank")
    )
    if rows and not any(row.stale or row.story_version != story.lock_version for row in rows):
        return [row.suggested for row in rows if row.suggested_id is not None]
    return score(story, previous=rows)


def score(story, *, previous=None, announce=True):
    """Score ``story``'s list afresh and keep it; returns it, best first.

    ``previous``: its kept rows, when the caller has them. On a first scoring
    (or the first since the story was edited), the lists of the stories it
    picks are marked for rescoring, since the story may belong there;
    ``announce=False`` leaves them (scoring a whole archive, every list is
    scored anyway)."""
    if previous is None:
        previous = list(Suggestion.objects.filter(story=story).only("story_version"))
    first = not any(row.story_version == story.lock_version for row in previous)
    candidates = Story.objects.filter(status=Story.Status.PUBLISHED)
    picked = related_stories(candidates, story, limit=KEPT)
    rows = [
        Suggestion(story=story, suggested=other, rank=rank, story_version=story.lock_version)
        for rank, other in enumerate(picked or [None])  # an empty list is kept as one empty row
    ]
    try:
        with transaction.atomic():
            # Over the rows kept before; another process scoring the same story at the
            # same moment writes the same list.
            Suggestion.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["story", "rank"],
                update_fields=["suggested", "story_version", "stale"],
            )
            if len(previous) > len(rows):
                Suggestion.objects.filter(story=story, rank__gte=len(rows)).delete()
            if announce and first and picked:
                _mark_stale(Suggestion.objects.filter(story__in=picked))
                suggestions_outdated.send(sender=Story, pks=[other.pk for other in picked])
    except DatabaseError:
        # A read-only or failing database still gets its page: the list is only not kept.
        pass
    return picked


def score_when_published(sender, story, **kwargs):
    """Receiver of ``story_published``: with a Celery broker, the story's list is scored by a
    worker once the transaction commits, so it joins its neighbours' lists before anyone
    views it. Without one, tasks would run here, one scoring per story of an import:
    its first view scores it instead."""
    from articles.tasks import score_suggestions_task

    if score_suggestions_task.app.conf.task_always_eager:
        return
    connection = transaction.get_connection()
    pending = getattr(connection, "newsroom_published_stories", None)
    if pending is not None and any(func is pending.queue for _, func, _ in connection.run_on_commit):
        pending.pks.append(story.pk)
        return
    # The first of this transaction; on_commit runs it at once outside a transaction.
    pending = connection.newsroom_published_stories = _Published()
    pending.pks.append(story.pk)
    transaction.on_commit(pending.queue)


class _Published:
    """The stories a transaction published: one task for them all once it commits."""

    def __init__(self):
        self.pks = []

    def queue(self):
        from articles.tasks import score_suggestions_task

        score_suggestions_task.delay(self.pks)


def needing_scores(*, everything=False):
    """Public stories with no kept list (or all public ones), newest first, with what scoring reads."""
    stories = Story.objects.published().select_related("section").prefetch_related("tags", "related_links")
    if not everything:
        stories = stories.exclude(suggestions__isnull=False)
    return stories.latest_first()


def visible(stories, now):
    """The public ones of ``stories``, at most ``SUGGESTION_COUNT``."""
    return [other for other in stories if is_public(other, now)][:SUGGESTION_COUNT]


def forget_changed(sender, changes, **kwargs):
    """Receiver of ``content_changed``: lists showing a changed story, or owned by one, are
    scored again when next shown. One UPDATE however many stories changed."""
    pks = set()
    for change in changes:
        pks.update(_stories_touched(change))
    if pks:
        _mark_stale(Suggestion.objects.filter(Q(suggested_id__in=pks) | Q(story_id__in=pks)))


def _stories_touched(change):
    if change.model is Story and not change.created:  # a new story is on no list yet
        return [change.instance.pk] if change.instance is not None else change.pks
    if isinstance(change.instance, Story):  # its topics changed (taggit's relation)
        return [change.instance.pk]
    if isinstance(change.instance, RelatedLink):  # a hand-picked link is never suggested too
        return [change.instance.story_id]
    return []


def _mark_stale(suggestions):
    suggestions.filter(stale=False).update(stale=True)
