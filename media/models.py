"""The picture library: one ``Image`` per picture, with what publishing it requires."""

import hashlib

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

UNIT = [MinValueValidator(0.0), MaxValueValidator(1.0)]


class ImageQuerySet(models.QuerySet):
    def search(self, text):
        """Images whose title, caption, credit or alt text hold every word of ``text``."""
        images = self
        for word in text.split():
            images = images.filter(
                Q(title__icontains=word) | Q(caption__icontains=word)
                | Q(credit__icontains=word) | Q(alt_text__icontains=word)
            )  # fmt: skip
        return images

    def shown_by(self, story):
        """The images ``story`` shows, lead first, then its figures in body order: one query
        whatever their number (none when it shows no picture)."""
        from articles.sanitise import figure_ids

        wanted = ([story.lead_image_id] if story.lead_image_id else []) + figure_ids(story.body)
        found = self.in_bulk(set(wanted))
        return [found[pk] for pk in dict.fromkeys(wanted) if pk in found]


class Image(models.Model):
    """A picture in the library, reusable by any number of stories.

    ``file`` is the original as stored after upload checks (media/uploads.py):
    decoded and re-encoded without GPS or other personal metadata, unless the
    desk chose at upload to keep it (``metadata_kept``). Renditions, which are
    all readers get, are made from it on demand (media/renditions.py) and never
    carry any; ``renditions`` maps those already written to their sizes.
    """

    file = models.FileField(upload_to="originals/%Y/%m/", max_length=300)
    title = models.CharField(max_length=200, help_text="For the library; readers do not see it.")
    caption = models.TextField(blank=True, help_text="Shown under the picture.")
    credit = models.CharField(
        max_length=200, blank=True, help_text="Photographer and agency, e.g. “Ana Lima / Harbour Press”."
    )
    usage_notes = models.TextField(
        "copyright and usage", blank=True, help_text="Who owns it, where and until when we may use it."
    )
    alt_text = models.CharField(
        max_length=300, blank=True, help_text="What the picture shows, for readers who cannot see it."
    )
    decorative = models.BooleanField(
        default=False, help_text="Adds nothing a reader needs to know: shown with empty alt text."
    )
    focal_x = models.FloatField(default=0.5, validators=UNIT, help_text="0 is the left edge, 1 the right.")
    focal_y = models.FloatField(default=0.5, validators=UNIT, help_text="0 is the top edge, 1 the bottom.")
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    format = models.CharField(max_length=10, editable=False)
    file_size = models.PositiveIntegerField(default=0, editable=False)
    dominant_colour = models.CharField(max_length=7, default="#808080", editable=False)
    metadata_kept = models.BooleanField(
        "original's metadata kept", default=False, editable=False,
        help_text="Chosen at upload: the stored original keeps its EXIF and XMP (camera, place, time).",
    )  # fmt: skip
    # SHA-256 of the stored original: an imported picture seen again is the same image.
    checksum = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    source_url = models.URLField(max_length=500, blank=True, help_text="Where an imported picture came from.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="images"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # {storage name: bytes} of the renditions already made (media/renditions.py).
    renditions = models.JSONField(default=dict, blank=True, editable=False)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.title or f"Image {self.pk}"

    @property
    def fingerprint(self):
        """Changes when the file or focal point does, so old renditions are never served for new ones."""
        key = f"{self.file.name}|{self.focal_x:.4f}|{self.focal_y:.4f}"
        return hashlib.sha256(key.encode()).hexdigest()[:10]

    @property
    def alt(self):
        """The alt attribute readers get: empty for a decorative picture."""
        return "" if self.decorative else self.alt_text

    def missing(self):
        """What publishing a story with this picture still needs, e.g. ["alt text", "a credit"]."""
        needs = []
        if not self.decorative and not self.alt_text.strip():
            needs.append("alt text (or mark it decorative)")
        if not self.credit.strip():
            needs.append("a credit")
        return needs

    def stories_using(self):
        """Stories that show this picture, as lead image or as a figure in the body."""
        from articles.models import Story

        return Story.objects.filter(
            Q(lead_image=self) | Q(body__contains=f'data-image="{self.pk}"')
        ).select_related("section")
