"""Telling a CDN which pages to forget: the purge backends.

When the page cache bumps keys (``frontend/caching.py``), the same keys go to
the backend named by ``NEWSROOM_CDN_PURGE_BACKEND``:

- ``frontend.purge.NoPurge`` (the default): nothing in front of the site keeps
  pages longer than their ``max-age``, so there is nothing to tell.
- ``frontend.purge.HttpPurge``: one ``PURGE`` request (or another method,
  ``NEWSROOM_CDN_PURGE_METHOD``, e.g. ``BAN``) to ``NEWSROOM_CDN_PURGE_URL``
  with the keys in a ``Surrogate-Key`` header, space-separated, as Varnish
  (with xkey) and Fastly take them. Any 2xx answer is success.

The keys are sent by a Celery task (``frontend/tasks.py``), queued once the
change is committed: with a broker, the editor's request only queues them and a
worker talks to the CDN; without one (``./dev demo``, the tests) the task runs
in the calling process. A failed purge is tried ``ATTEMPTS`` times with a
growing pause, then kept as a ``PurgeFailure`` row, listed in the admin (Reader
site › CDN purge failures) where an action retries it, as does
``manage.py retry_purges``. The editor's save is never refused: the change is
committed before any purge is tried.
"""

import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

ATTEMPTS = 3
FIRST_PAUSE_SECONDS = 0.2
# Keys per request: a header of a few kilobytes at most.
KEYS_PER_REQUEST = 200


class PurgeError(Exception):
    pass


class NoPurge:
    def purge(self, keys):
        pass


class HttpPurge:
    def purge(self, keys):
        url = settings.NEWSROOM_CDN_PURGE_URL
        if not url:
            raise PurgeError(
                "NEWSROOM_CDN_PURGE_URL is not set: set it to the CDN's or Varnish's purge address."
            )
        request = urllib.request.Request(
            url, method=settings.NEWSROOM_CDN_PURGE_METHOD, headers={"Surrogate-Key": " ".join(keys)}
        )
        try:
            with urllib.request.urlopen(request, timeout=settings.NEWSROOM_CDN_PURGE_TIMEOUT) as answer:
                answer.read()
        except urllib.error.HTTPError as error:
            raise PurgeError(f"{url} answered {error.code} {error.reason}") from error
        except OSError as error:  # refused, timed out, unknown host
            raise PurgeError(f"{url} could not be reached: {error}") from error


def backend():
    return import_string(settings.NEWSROOM_CDN_PURGE_BACKEND)()


def purge_keys(keys):
    """Queue the purge of ``keys`` through the configured backend, in requests of a bounded size."""
    if not keys or isinstance(backend(), NoPurge):
        return
    from frontend.tasks import purge_keys_task  # the task module imports this one

    for start in range(0, len(keys), KEYS_PER_REQUEST):
        purge_keys_task.delay(list(keys[start : start + KEYS_PER_REQUEST]))


def attempt(keys):
    """Purge ``keys`` once; None when purged, else the error."""
    try:
        backend().purge(keys)
    except PurgeError as error:
        return error
    return None


def record_failure(keys, error, attempts=ATTEMPTS):
    from frontend.models import PurgeFailure  # models import late: this module loads with the URLs

    logger.error("CDN purge failed after %d attempts: %s", attempts, error)
    PurgeFailure.objects.create(keys=" ".join(keys), error=str(error), attempts=attempts)


def retry(failures):
    """Try each recorded failure again (once each); returns how many were purged and removed."""
    purged = 0
    for failure in failures:
        error = attempt(failure.keys.split())
        if error is None:
            failure.delete()
            purged += 1
        else:
            failure.attempts += 1
            failure.error = str(error)
            failure.save(update_fields=["attempts", "error", "last_tried_at"])
    return purged
