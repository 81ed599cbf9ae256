from django.db import models


class Suggestion(models.Model):
    """One entry of a story's "More on this" list, as last scored (articles/suggestions.py).

    Scoring is the dearest query of an article page and its result changes only
    when content does, so it is kept here rather than run on every render. The
    list is ids only: whether a suggested story may be shown is decided when the
    page is rendered (``published_q``), so it may hold a scheduled story that
    appears on its minute, and a story withdrawn since drops out at once.
    """

    story = models.ForeignKey("articles.Story", on_delete=models.CASCADE, related_name="suggestions")
    # Empty for a story with nothing to suggest: one row saying so, so it is not scored on every view.
    suggested = models.ForeignKey(
        "articles.Story", null=True, blank=True, on_delete=models.CASCADE, related_name="suggested_in"
    )
    rank = models.PositiveSmallIntegerField()
    # The story's lock_version when it was scored: an edit of the story since means a new list.
    story_version = models.PositiveIntegerField()
    # A story on the list changed, or a new story may belong on it: score again when next shown.
    stale = models.BooleanField(default=False)

    class Meta:
        ordering = ["story", "rank"]
        constraints = [models.UniqueConstraint(fields=["story", "rank"], name="suggestion_story_rank")]

    def __str__(self):
        return f"{self.story_id} → {self.suggested_id} (#{self.rank})"
