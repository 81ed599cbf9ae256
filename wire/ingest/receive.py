"""Receiving a source's files and importing them: the service the tasks and the push view call.

A delivery is spooled under ``NEWSROOM_INGEST_DIR`` (named by its SHA-256, so the same
bytes are one delivery whichever way they come back), then imported with
``wire.pipeline.run_import`` as the wire account, with the source's section and status.
Each item's outcome is kept as an ``IngestedItem`` for the wire desk. Importing a
delivery again (a retry, a re-delivered task) changes nothing that was imported.
"""

import hashlib
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Story
from articles.permissions import policy
from wire.ingest.models import Delivery, IngestedItem, Source
from wire.items import InvalidSource
from wire.pipeline import Reporter, run_import
from wire.saving import ImportOptions


def receive(source, name, data):
    """Spool ``data`` as a delivery of ``source``; (delivery, whether it is new)."""
    digest = hashlib.sha256(data).hexdigest()
    existing = Delivery.objects.filter(source=source, sha256=digest).first()
    if existing:
        return existing, False
    folder = Path(settings.NEWSROOM_INGEST_DIR) / source.slug
    folder.mkdir(parents=True, exist_ok=True)
    suffix = Path(name).suffix[:10]
    path = folder / f"{digest}{suffix}"
    path.write_bytes(data)
    try:
        with transaction.atomic():
            delivery = Delivery.objects.create(source=source, name=name[:300], sha256=digest, path=str(path))
    except IntegrityError:  # the same bytes arrived at the same moment by another worker
        return Delivery.objects.get(source=source, sha256=digest), False
    return delivery, True


def status_for(source):
    """The status new stories get: published only while an editor's permission stands."""
    if source.status != Source.Status.PUBLISHED:
        return source.status
    editor = source.publish_allowed_by
    if editor is not None and policy.may_publish(editor):
        return Story.Status.PUBLISHED
    return Story.Status.IN_REVIEW


class _Recorder(Reporter):
    def __init__(self, delivery):
        self.delivery = delivery
        self.rows = []

    def _row(self, label, outcome, reason="", story=None):
        self.rows.append(IngestedItem(
            delivery=self.delivery, source_id=self.delivery.source_id,
            # The provider's file name, not the spool's.
            label=str(label).replace(self.delivery.path, self.delivery.name)[:1000],
            outcome=outcome, reason=str(reason)[:500], story=story,
        ))  # fmt: skip

    def saved(self, label, item, outcome):
        self._row(label, outcome.action.value, outcome.reason, outcome.story)

    def failed(self, label, reason):
        self._row(label, "failed", reason)


def import_delivery(delivery):
    """Import a spooled delivery; returns the pipeline's Summary."""
    source = delivery.source
    options = ImportOptions(section=source.section, status=status_for(source))
    recorder = _Recorder(delivery)
    summary = run_import([delivery.path], options, recorder, format_name=source.format or "auto")
    with transaction.atomic():
        # A retry replaces the delivery's lines: the desk shows what the latest attempt made of it.
        delivery.items.all().delete()
        IngestedItem.objects.bulk_create(recorder.rows)
        delivery.imported_at = timezone.now()
        delivery.save(update_fields=["imported_at"])
    return summary


def folder_files(source):
    """Files of a watched folder not yet delivered (by content), in name order."""
    folder = Path(source.folder)
    if not folder.is_dir():
        raise InvalidSource(f"the folder {folder} does not exist")
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def record_fetch(source, *, error=""):
    """Remember how a fetch went; three failures in a row flag the source on the desk."""
    source.last_polled_at = timezone.now()
    if error:
        source.consecutive_failures += 1
        source.last_error = error[:500]
    else:
        source.consecutive_failures = 0
        source.last_success_at = source.last_polled_at
    source.save(update_fields=[
        "last_polled_at", "consecutive_failures", "last_error", "last_success_at", "etag", "last_modified",
    ])  # fmt: skip
