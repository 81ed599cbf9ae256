""" "More on this" on the article page, from the list the content core keeps.

``articles/suggestions.py`` scores a story's list once and keeps it until
content changes, so a render reads it in one query and scores only when the
list is missing or outdated. What readers see is decided here, at render time:
only public stories, so a withdrawn one drops out at once, and a scheduled one
on the list bounds the cached page's life to its release (loading it records it
as waiting, frontend/cache_keys.py).

The page records ``suggestions:<pk>``; when a new story is scored onto the
neighbourhood of this one, the core announces ``suggestions_outdated`` and the
key is bumped, so the cached page is forgotten and the list scored again.
The stories shown are recorded as on any page (their edits show at once).
"""

from django.utils import timezone

from articles import suggestions as kept_lists
from articles.models import Story
from articles.related import SUGGESTION_COUNT
from frontend import caching
from frontend.cache_keys import shows_suggestions_of, suggestions_key


def suggestions(story):
    """Up to ``SUGGESTION_COUNT`` public stories related to ``story``, best first."""
    shows_suggestions_of(story)
    return kept_lists.visible(kept_lists.suggestions_for(story), timezone.now())


def scored_now(story):
    """The list as it would be scored now, public stories only, not kept: for a preview."""
    return Story.objects.related_to(story, limit=SUGGESTION_COUNT)


def forget_pages(sender, pks, **kwargs):
    """Receiver of ``articles.signals.suggestions_outdated``: forget the pages showing those lists."""
    caching.bump_after_commit({suggestions_key(pk) for pk in pks})
