"""The CDN purge as a Celery task, so that a slow or failing CDN never holds up an editor's save.

``frontend.purge.purge_keys`` queues one task per request's worth of keys once
the change is committed. A failed attempt queues the next one after a growing
pause (``FIRST_PAUSE_SECONDS``, doubled each time); after ``ATTEMPTS`` the keys
are recorded as a ``PurgeFailure`` for the desk and ``retry_purges``. Without
a broker the tasks run in the calling process (newsroom/celery.py), and the
pause is slept there.
"""

import logging
import time

from celery import shared_task

from frontend import purge

logger = logging.getLogger("frontend.purge")


@shared_task
def purge_keys_task(keys, attempt=1):
    """Purge ``keys``; on failure queue the next attempt after a pause, or record the failure."""
    error = purge.attempt(keys)
    if error is None:
        return True
    logger.warning("CDN purge attempt %d of %d failed: %s", attempt, purge.ATTEMPTS, error)
    if attempt >= purge.ATTEMPTS:
        purge.record_failure(keys, error)
        return False
    pause = purge.FIRST_PAUSE_SECONDS * 2 ** (attempt - 1)
    # A new task rather than Celery's retry(): the same code runs eagerly, where an eager
    # retry with propagation on raises instead of retrying, and where countdown is not waited.
    if purge_keys_task.app.conf.task_always_eager:
        time.sleep(pause)
    purge_keys_task.apply_async((keys,), {"attempt": attempt + 1}, countdown=pause)
    return False
