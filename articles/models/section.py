from django.core.exceptions import ValidationError
from django.db import models

from articles.addresses import address

from .loaded import RemembersLoadedValues

# Section fronts live at /<slug>/, so a section may not take a path that
# another public door already uses.
RESERVED_SLUGS = frozenset(
    [
        "accounts",
        "admin",
        "api",
        "archive",
        "author",
        "authors",
        "feed",
        "feeds",
        "media",
        "preview",
        "robots.txt",
        "search",
        "sitemap",
        "sitemap.xml",
        "static",
        "tag",
        "tags",
    ]
)


def validate_section_slug(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(f"“{value}” is used by another part of the site; choose another slug.")


class SectionQuerySet(models.QuerySet):
    def top_level(self):
        return self.filter(parent__isnull=True)


class Section(RemembersLoadedValues, models.Model):
    """A desk of the newsroom (World, Business...), optionally inside another."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True, validators=[validate_section_slug])
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0, help_text="Position in the navigation.")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def get_absolute_url(self):
        return address("frontend:section", section=self.slug)

    def clean(self):
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": "A section cannot be its own parent."})
        if self.parent_id and self.parent.parent_id:
            raise ValidationError({"parent": "Sections nest one level deep (World › Europe)."})
