"""What the content core tells the rest of the system.

The core never calls the page cache, the search index of another app, a CDN or
a notifier; it sends these signals and whoever cares subscribes:

- ``content_changed``: something a reader could see may have changed (a story,
  section, author, tag, outlet... saved or deleted, or a bulk update). Sent
  once per change, or once per block inside ``changes_batched()``.
- ``stories_saved``: stories were written without ``Story.save()`` (a batched
  insert); ``stories`` is the list. ``Story.save()`` itself sends Django's
  ``post_save``.
- ``story_transitioned``: a workflow action moved a story; ``story``,
  ``transition`` (the recorded ``StoryTransition``) and ``user``.
- ``story_published``: the same, when the story ends up published (now or
  scheduled).
- ``story_publishing``: a publish or schedule action is about to make ``story``
  public. Each receiver returns a list of reasons it may not go out yet (empty:
  none); any reason stops the action with a message (the picture library's
  duties, media/duties.py).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.dispatch import Signal

content_changed = Signal()
stories_saved = Signal()
story_transitioned = Signal()
story_published = Signal()
story_publishing = Signal()

_batched = ContextVar("articles_batched_content_changes", default=None)


def send_content_changed(sender=None):
    """Announce a change, or note it for the end of the enclosing ``changes_batched()`` block."""
    if (pending := _batched.get()) is not None:
        pending.append(sender)
        return
    content_changed.send(sender=sender)


@contextmanager
def changes_batched():
    """Within the block, changes are announced once, at its end, instead of once per row.

    For bulk writes such as an import batch (thousands of rows). Put the block
    around the transaction, so the announcement comes once the rows are
    committed; it is also sent when the block fails, which costs a cache
    generation at most.
    """
    if _batched.get() is not None:  # an enclosing block announces for us
        yield
        return
    pending = []
    token = _batched.set(pending)
    try:
        yield
    finally:
        _batched.reset(token)
        if pending:
            content_changed.send(sender=pending[0])
