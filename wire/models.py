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

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "guid"], name="unique_import_guid"),
        ]
        # Re-imports look an item up by its guid alone (articles/importers/saving.py).
        indexes = [models.Index(fields=["guid"], name="importrecord_guid_idx")]

    def __str__(self):
        return f"{self.format}:{self.guid}"


# Ingest sources live in their own module (wire/ingest/models.py); Django finds models here.
from wire.ingest.models import Delivery, IngestedItem, Source  # noqa: E402

__all__ = ["Delivery", "ImportRecord", "IngestedItem", "Source"]
