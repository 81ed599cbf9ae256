"""A front is the home page or a section's page, made of ordered zones of slots.

Editors arrange the zones and slots (the draft); publishing copies that
arrangement into ``Front.published`` (fronts/publishing.py), which is all the
reader site reads. Which stories actually show is decided when the page is
rendered (fronts/assembly.py): only public stories, each once per front, the
empty places filled with the latest public stories.
"""

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from articles.links import safe_url

HOME = "home"


def staff_member():
    """Who did something to a front or banner; kept as history if the account goes."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )


@reversion.register(follow=("zones",))
class Front(models.Model):
    section = models.OneToOneField(
        "articles.Section", null=True, blank=True, unique=True, on_delete=models.CASCADE,
        related_name="front", help_text="Leave empty for the home page.",
    )  # fmt: skip
    # "home" or "section-<pk>": one front per place, and the page cache's name for it.
    place = models.CharField(max_length=40, unique=True, editable=False)
    published = models.JSONField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = staff_member()

    class Meta:
        ordering = ["place"]

    def __str__(self):
        return f"{self.section.name} front" if self.section_id else "Home page"

    def save(self, *args, **kwargs):
        self.place = place_of(self.section)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.section.get_absolute_url() if self.section_id else "/"


def place_of(section):
    return f"section-{section.pk}" if section is not None else HOME


@reversion.register(follow=("slots",))
class Zone(models.Model):
    class Kind(models.TextChoices):
        LEAD = "lead", "Lead"
        TOP = "top", "Top stories"
        PACKAGE = "package", "Package"
        LATEST = "latest", "Latest (automatic, by desk on the home page)"

    front = models.ForeignKey(Front, on_delete=models.CASCADE, related_name="zones")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TOP)
    title = models.CharField(max_length=120, blank=True, help_text="Shown above a package.")
    size = models.PositiveSmallIntegerField(
        default=4, help_text="Stories shown; places no slot fills take the latest public stories."
    )

    class Meta:
        ordering = ["front", "position", "pk"]

    def __str__(self):
        return self.title or self.get_kind_display()

    def clean(self):
        if self.kind == self.Kind.PACKAGE and not self.title:
            raise ValidationError(
                {"title": "A package needs a title for readers to see what holds it together."}
            )
        if not 1 <= self.size <= 24:
            raise ValidationError({"size": "Show between 1 and 24 stories."})


@reversion.register()
class Slot(models.Model):
    zone = models.ForeignKey(Zone, on_delete=models.CASCADE, related_name="slots")
    position = models.PositiveSmallIntegerField(default=0)
    story = models.ForeignKey("articles.Story", on_delete=models.CASCADE, related_name="+")
    headline = models.CharField(
        max_length=200, blank=True, help_text="Shown on the front instead of the story's."
    )
    standfirst = models.TextField(
        blank=True, help_text="Shown on the front instead of the story's standfirst."
    )
    image = models.ForeignKey(
        "media.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Shown on the front instead of the story's lead picture.",
    )  # fmt: skip
    shown_from = models.DateTimeField(null=True, blank=True)
    shown_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["zone", "position", "pk"]

    def __str__(self):
        return self.headline or str(self.story)

    def clean(self):
        if self.shown_from and self.shown_until and self.shown_until <= self.shown_from:
            raise ValidationError({"shown_until": "Must be after “shown from”."})


class BannerQuerySet(models.QuerySet):
    def showing(self, now=None):
        """The banners readers see now: not expired yet (the newest first)."""
        return self.filter(expires_at__gt=now or timezone.now()).order_by("-created_at", "-pk")


@reversion.register()
class Banner(models.Model):
    """Breaking news, across the top of every public page until it expires."""

    text = models.CharField(max_length=200)
    link = models.CharField(
        max_length=500, blank=True, help_text="A story's address (/world/…) or an http(s) address."
    )
    expires_at = models.DateTimeField(help_text="The banner disappears at this time, with nothing to do.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = staff_member()

    objects = BannerQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.text

    def clean(self):
        if self.link and not safe_url(self.link):
            raise ValidationError({"link": "Use a path on this site or an http(s) address."})

    @property
    def safe_link(self):
        return safe_url(self.link)
