"""What the content core tells the rest of the system.

The core never calls the page cache, the search index of another app, a CDN or
a notifier; it sends these signals and whoever cares subscribes:

- ``content_changed``: something a reader could see may have changed (a story,
  section, author, tag, outlet... saved or deleted, or a bulk update). Sent
  once per change, or once per block inside ``changes_batched()``, with
  ``changes``: a list of ``Change``, saying what changed as precisely as the
  core knows it (so that a page cache can forget only the pages that show it).
- ``stories_saved``: stories were written without ``Story.save()`` (a batched
  insert); ``stories`` is the list, ``indexed`` whether their search vectors
  were written with them. ``Story.save()`` itself sends Django's
  ``post_save``.
- ``story_transitioned``: a workflow action moved a story; ``story``,
  ``transition`` (the recorded ``StoryTransition``) and ``user``.
- ``story_published``: the same, when the story ends up published (now or
  scheduled).
- ``suggestions_outdated``: the kept "More on this" lists of the stories ``pks``
  will be scored again when next shown (articles/suggestions.py): pages showing
  them are out of date.
- ``story_publishing``: a publish or schedule action is about to make ``story``
  public. Each receiver returns a list of reasons it may not go out yet (empty:
  none); any reason stops the action with a message (the picture library's
  duties, media/duties.py).
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.dispatch import Signal

content_changed = Signal()
stories_saved = Signal()
story_transitioned = Signal()
story_published = Signal()
story_publishing = Signal()
suggestions_outdated = Signal()

_batched = ContextVar("articles_batched_content_changes", default=None)


@dataclass
class Change:
    """One change to content, as precisely as the core knows it.

    - ``instance``: the row saved or deleted (``created`` / ``deleted`` say which);
      for a many-to-many change, the row whose relation changed, with the other
      side's ``related_pks`` (``None``: all of them).
    - ``previous``: for rows that remember what they were loaded with
      (``articles.models.loaded.RemembersLoadedValues``), those values, else ``None``.
    - ``pks``: rows of ``model`` changed in bulk (a queryset ``update()``), with no instance.
    - ``instances``: rows inserted in bulk (``Story.objects.create_many()``).

    With none of these, anything of ``model`` may have changed.
    """

    model: type
    instance: object = None
    previous: dict | None = None
    created: bool = False
    deleted: bool = False
    related_pks: set | None = None
    pks: list = field(default_factory=list)
    instances: list = field(default_factory=list)


def send_content_changed(sender=None, **details):
    """Announce a change of ``sender`` (a model; ``details`` as ``Change``'s fields),
    or note it for the end of the enclosing ``changes_batched()`` block."""
    change = Change(model=sender, **details)
    if (pending := _batched.get()) is not None:
        pending.append(change)
        return
    content_changed.send(sender=sender, changes=[change])


@contextmanager
def changes_batched():
    """Within the block, changes are announced once, at its end, instead of once per row.

    For bulk writes such as an import batch (thousands of rows). Put the block
    around the transaction, so the announcement comes once the rows are
    committed; it is also sent when the block fails, which costs some needless
    invalidation at most.
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
            content_changed.send(sender=pending[0].model, changes=pending)
