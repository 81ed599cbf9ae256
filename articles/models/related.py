from django.db import models
from django.db.models import Q


class RelatedLink(models.Model):
    """One entry of a story's hand-picked "Related News" block.

    It points at another story of ours, or at an external report (URL, title,
    outlet). A bare title without a URL is kept as plain text.
    """

    story = models.ForeignKey("articles.Story", on_delete=models.CASCADE, related_name="related_links")
    position = models.PositiveSmallIntegerField(default=0)
    target = models.ForeignKey(
        "articles.Story",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="linked_from",
        help_text="A story of ours; leave empty for an external link.",
    )
    title = models.CharField(max_length=300, blank=True)
    url = models.URLField(max_length=500, blank=True)
    outlet_name = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target__isnull=False) | ~Q(title=""),
                name="related_link_has_target_or_title",
            ),
        ]

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        return self.title or (self.target.headline if self.target_id else self.url)

    @property
    def href(self):
        if self.target_id:
            return self.target.get_absolute_url()
        return self.url
