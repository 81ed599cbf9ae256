from django.db import models


class ImportRecord(models.Model):
    """Where an imported story came from, so a re-import updates it instead of duplicating."""

    # Empty for a canceled item that arrived before any version we imported: the
    # record remembers it, so an older usable version arriving later stays out.
    story = models.ForeignKey(
        "articles.Story", null=True, blank=True, on_delete=models.CASCADE, related_name="imports"
    )
    format = models.CharField(max_length=20)
    provider = models.CharField(max_length=150, blank=True)
    guid = models.CharField(max_length=500)
    version = models.CharField(max_length=100, blank=True)
    origin = models.CharField(max_length=1000, help_text="File path or URL it was read from.")
    checksum = models.CharField(max_length=64, help_text="SHA-256 of the item as imported.")
    imported_at = models.DateTimeField(auto_now=True)
    # articles.revisions.fingerprint of the story as this import left it. Another hash
    # now means the desk changed the story since; empty for records older than the field.
    story_fingerprint = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "guid"], name="unique_import_guid"),
        ]
        # Re-imports look an item up by its guid alone (articles/importers/saving.py).
        indexes = [models.Index(fields=["guid"], name="importrecord_guid_idx")]

    def __str__(self):
        return f"{self.format}:{self.guid}"


class HeldUpdate(models.Model):
    """A newer wire version of a story the desk has changed since it was imported.

    It is kept here instead of replacing the desk's work: the story's change page
    shows "Wire update available" with a diff, and an editor applies it in one click
    (``wire.saving.apply_held``). Only the newest held version is kept per story.
    """

    story = models.OneToOneField("articles.Story", on_delete=models.CASCADE, related_name="held_wire_update")
    record = models.ForeignKey(ImportRecord, on_delete=models.CASCADE, related_name="held_updates")
    item = models.JSONField(help_text="The imported item (wire.items.item_to_json).")
    version = models.CharField(max_length=100, blank=True)
    checksum = models.CharField(max_length=64)
    origin = models.CharField(max_length=1000)
    received_at = models.DateTimeField(auto_now=True)
    # What the story would read like with the update applied: {label: [line]}
    # (articles.revisions.restorable_lines), worked out when it arrived.
    preview = models.JSONField(default=dict)

    def __str__(self):
        return f"{self.record} version {self.version or '?'}"


# Ingest sources live in their own module (wire/ingest/models.py); Django finds models here.
from wire.ingest.models import BucketObject, Delivery, IngestedItem, Source  # noqa: E402

__all__ = ["BucketObject", "Delivery", "HeldUpdate", "ImportRecord", "IngestedItem", "Source"]
