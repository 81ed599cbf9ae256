"""Celery tasks for continuous ingest: doors onto ``wire.ingest.receive`` like the command is.

- ``poll_due_sources`` (Celery beat, every minute) queues ``poll_source`` for each feed, folder or
  bucket source whose interval has passed.
- ``poll_source`` fetches a feed (conditional GET), lists a folder or a bucket prefix
  (wire/ingest/bucket.py: new or changed objects by key and ETag) and queues one
  ``import_delivery`` per new file: small batches, so several workers share the load. A file
  received by a poll that died before queueing it is queued when it is listed again, once
  older than the redelivery timeout (``Delivery.is_stalled``).
- ``import_delivery`` imports one spooled file. It is idempotent (imports are, by guid and
  version), so a worker killed mid-batch is harmless: the task is acknowledged only when it
  ends (``acks_late``), is delivered again, and re-importing what was saved changes nothing.

Network failures are retried with exponential backoff; refusals (a host not allowed, an
oversized feed) are not, since trying again would give the same answer.
"""

from celery import shared_task

from wire.ingest import bucket
from wire.ingest import fetch as fetching
from wire.ingest.models import Delivery, Source
from wire.ingest.receive import folder_files, import_delivery, receive, record_fetch
from wire.items import InvalidSource


@shared_task
def poll_due_sources():
    due = [source.pk for source in Source.objects.exclude(kind=Source.Kind.PUSH) if source.is_due()]
    for pk in due:
        poll_source.delay(pk)
    return len(due)


@shared_task(
    bind=True, autoretry_for=(fetching.FetchFailed,), retry_backoff=30, retry_backoff_max=900,
    max_retries=5, retry_jitter=True,
)  # fmt: skip
def poll_source(self, source_id):
    """Fetch or list the source; returns the ids of the deliveries whose import it queued."""
    source = Source.objects.get(pk=source_id)
    if source.paused:
        return []
    try:
        files = _new_files(source)
    except (fetching.FetchRefused, fetching.FetchFailed, InvalidSource) as error:
        record_fetch(source, error=str(error))
        raise
    record_fetch(source)
    queued = []
    for name, data, taken in files:
        delivery, fresh = receive(source, name, data)
        if fresh or delivery.is_stalled:
            import_delivery_task.delay(delivery.pk)
            queued.append(delivery.pk)
        elif delivery.imported_at is None:
            continue  # its import may be queued still: not taken, so listed again until imported
        # Only once its import is queued or done, or a bucket object would never be listed again.
        taken()
    return queued


def _new_files(source):
    """[(name, bytes, taken)]: ``taken()`` is called once the file is received (a bucket
    object is then known by its ETag and not downloaded again)."""
    if source.kind == Source.Kind.BUCKET:
        return bucket.new_files(source)
    if source.kind == Source.Kind.FEED:
        fetched = fetching.fetch(source)
        source.etag, source.last_modified = fetched.etag, fetched.last_modified
        return [] if fetched.not_modified else [(f"{source.slug}.feed", fetched.body, _nothing)]
    return [(path.name, path.read_bytes(), _nothing) for path in folder_files(source)]


def _nothing():
    pass


@shared_task(name="wire.tasks.import_delivery", acks_late=True, reject_on_worker_lost=True,
             autoretry_for=(OSError,), retry_backoff=True, max_retries=5)  # fmt: skip
def import_delivery_task(delivery_id):
    """Import one delivery; returns its summary line."""
    return str(import_delivery(Delivery.objects.select_related("source").get(pk=delivery_id)))
