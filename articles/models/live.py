"""Live coverage: timed updates on a story of the "Live coverage" type.

An update is never silently rewritten or removed once readers may have seen
it: a correction keeps a note saying what changed, and a withdrawn update
stays in the list as its note alone. Saving or deleting a row announces
``content_changed`` (articles/apps.py), so the story's cached pages are
forgotten with it.

Whether a reader may see an update is the story's question: updates have no
visibility of their own, and every public door reaches them through
``Story.objects.published()``.
"""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import Truncator

from articles.sanitise import sanitise_html, sanitised_text

# The longest a generated headline (key events, structured data) runs.
SHORT_HEADLINE_WORDS = 14


class LiveUpdateQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def for_readers(self):
        """What showing an update needs, in the same query: its picture and author."""
        return self.select_related("image", "author")

    def key_events(self):
        """Pinned updates still standing (a withdrawn update is no longer a key event)."""
        return self.filter(is_key_event=True, withdrawn_at__isnull=True)


class LiveUpdate(models.Model):
    story = models.ForeignKey("articles.Story", on_delete=models.CASCADE, related_name="live_updates")
    published_at = models.DateTimeField(default=timezone.now)
    headline = models.CharField(
        max_length=200, blank=True, help_text="Optional; key events are listed by it at the top."
    )
    body = models.TextField(help_text="HTML; cleaned as story bodies are.")
    # A picture from the library (the media app); the core refers to it by name only.
    image = models.ForeignKey(
        "media.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author = models.ForeignKey(
        "articles.Author", null=True, blank=True, on_delete=models.SET_NULL, related_name="live_updates"
    )
    is_key_event = models.BooleanField("key event", default=False)
    correction_note = models.TextField(blank=True)
    corrected_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = LiveUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["story", "-published_at"], name="live_update_story_idx")]

    def __str__(self):
        return f"{self.short_headline} ({self.published_at:%Y-%m-%d %H:%M})"

    def save(self, *args, **kwargs):
        self.body = sanitise_html(self.body)
        super().save(*args, **kwargs)

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    @property
    def short_headline(self):
        """The headline, or the start of the text for an update without one."""
        if self.headline:
            return self.headline
        return Truncator(sanitised_text(self.body)).words(SHORT_HEADLINE_WORDS)

    def plain_text(self):
        return sanitised_text(self.body)

    # What the desk does to an update once it is out. Permission is the caller's
    # question (articles.permissions.policy.may_manage_live).

    def correct(self, *, body, note, headline=None):
        """New words with a visible note saying what was corrected."""
        self.body = body
        if headline is not None:
            self.headline = headline
        self.correction_note = note
        self.corrected_at = timezone.now()
        self.save()

    def withdraw(self, *, note):
        """Take the update down, leaving its note in its place."""
        self.correction_note = note
        self.withdrawn_at = self.corrected_at = timezone.now()
        self.is_key_event = False
        self.save()

    def pin(self, pinned=True):
        self.is_key_event = pinned
        self.save(update_fields=["is_key_event"])


def add_update(story, *, body, user=None, headline="", image=None, author=None, key_event=False):
    """A new update, published now, on ``story``; opens its coverage if it was closed."""
    with transaction.atomic():
        update = LiveUpdate.objects.create(
            story=story,
            body=body,
            headline=headline,
            image=image,
            author=author,
            is_key_event=key_event,
            created_by=user,
        )
        if story.coverage_ended_at is not None:
            set_coverage_open(story, True)
    return update


def set_coverage_open(story, is_open):
    """Close a story's live coverage now, or open it again.

    A queryset update: the story's other fields and its edit lock stay as they
    are, so an editor with the story open can still save it (and the change is
    still announced, by ``StoryQuerySet.update``)."""
    story.coverage_ended_at = None if is_open else timezone.now()
    type(story).objects.filter(pk=story.pk).update(coverage_ended_at=story.coverage_ended_at)
