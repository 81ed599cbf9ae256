from django.conf import settings
from django.db import models
from django.utils import timezone

from .story import Story


class StoryTransition(models.Model):
    """One step of a story's editorial life: who moved it, from where, to where, and why.

    Written only by the workflow actions (articles/workflow.py); shown on the
    story in the admin.
    """

    story = models.ForeignKey("articles.Story", on_delete=models.CASCADE, related_name="transitions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, choices=Story.Status.choices)
    to_status = models.CharField(max_length=20, choices=Story.Status.choices)
    note = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.action}: {self.from_status} → {self.to_status}"
