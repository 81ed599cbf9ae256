from django.conf import settings
from django.db import models
from django.utils import timezone


class Correction(models.Model):
    """A dated correction or update note, shown to readers on the story."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"
        CLARIFICATION = "clarification", "Clarification"

    story = models.ForeignKey("articles.Story", on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    note = models.TextField()
    published_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["published_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.published_at:%Y-%m-%d})"
