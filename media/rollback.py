"""Pictures stored inside a transaction that rolls back are deleted with it.

A library image is a row and a file. Rolling back a transaction takes the row
back, but storage (a folder, an object store) is no part of the transaction:
the file would stay, orphaned. Django runs code on commit, never on rollback,
so code that stores pictures inside a transaction that may roll back (an
import item, a held update's preview, an upload of several pictures) uses
``atomic_with_files()`` where it would use ``transaction.atomic()``.

Every file ``media.uploads.store`` writes inside is noted. When the block rolls
back (an error left it, or it was marked for rollback), those files are
deleted. When it commits, they are handed to the enclosing
``atomic_with_files()`` block, if any, whose transaction may still roll back.
"""

import logging
import threading
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, transaction

logger = logging.getLogger(__name__)
_blocks = threading.local()


def _stack():
    if not hasattr(_blocks, "stack"):
        _blocks.stack = []
    return _blocks.stack


@contextmanager
def atomic_with_files(using=DEFAULT_DB_ALIAS):
    """``transaction.atomic()`` that also deletes the pictures stored inside when it rolls back."""
    stack = _stack()
    written = []
    stack.append(written)
    try:
        with transaction.atomic(using=using):
            yield
            rolled_back = transaction.get_rollback(using=using)
    except BaseException:
        _delete(written)
        raise
    else:
        if rolled_back:
            _delete(written)
        elif len(stack) > 1:
            stack[-2].extend(written)
    finally:
        stack.pop()


def note_written(storage, name):
    """Called by ``media.uploads.store`` for each file it writes."""
    if stack := _stack():
        stack[-1].append((storage, name))


def _delete(written):
    for storage, name in written:
        try:
            storage.delete(name)
        except Exception:
            # The rollback's own error matters more; an unreachable store only leaves a file behind.
            logger.exception("Could not delete %s after its transaction rolled back", name)
