from django.db import models


class PurgeFailure(models.Model):
    """Keys a CDN did not purge after retrying (frontend/purge.py): pages it may still serve as they were."""

    keys = models.TextField(help_text="Surrogate keys, space-separated.")
    error = models.TextField()
    attempts = models.PositiveIntegerField(default=0)
    failed_at = models.DateTimeField(auto_now_add=True)
    last_tried_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-failed_at"]
        verbose_name = "CDN purge failure"

    def __str__(self):
        return f"{self.keys[:60]} ({self.error[:60]})"
