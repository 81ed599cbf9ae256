from django.conf import settings
from django.db import models
from django.db.models import Q


class DraftAutosave(models.Model):
    """One person's unsaved text of one story: their working copy, never the story.

    The editor page posts its text fields here every few seconds while they change
    (desk/autosave.py), so a closed tab or a crash loses seconds of typing. It is kept
    apart from the story and its versions: nothing here is public and nothing here adds
    a revision. A story not saved yet is known by the token its editor page was given.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    story = models.ForeignKey(
        "articles.Story", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    token = models.CharField(
        max_length=40, blank=True, help_text="A new story's editor page, before it is saved."
    )
    fields = models.JSONField(default=dict)
    saved_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "story"], condition=Q(story__isnull=False), name="one_autosave_per_story"
            ),
            models.UniqueConstraint(
                fields=["user", "token"], condition=Q(story__isnull=True), name="one_autosave_per_new_story"
            ),
        ]

    def __str__(self):
        return f"{self.user}'s working copy of {self.story or 'a new story'}"
