from django.conf import settings
from django.db import models

from articles.addresses import address

from .loaded import RemembersLoadedValues


class Author(models.Model):
    """A person or agency credited in bylines; may be linked to a staff login."""

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=150, unique=True)
    bio = models.TextField(blank=True)
    is_agency = models.BooleanField(
        default=False, help_text="A wire service or partner credited as author (e.g. Reuters)."
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("frontend:author", slug=self.slug)


class Byline(RemembersLoadedValues, models.Model):
    """An author's place in a story's ordered byline."""

    story = models.ForeignKey("articles.Story", on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["story", "author"], name="unique_byline_author"),
        ]

    def __str__(self):
        return str(self.author)
