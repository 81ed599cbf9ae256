"""Ingest sources, the files they delivered, and what became of each item."""

import secrets
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from articles.models import Section, Story


def new_push_secret():
    return secrets.token_urlsafe(32)


class Source(models.Model):
    """A provider's feed, folder or push endpoint, with how its stories are filed."""

    class Kind(models.TextChoices):
        FEED = "feed", "Feed URL, polled"
        FOLDER = "folder", "Watched folder"
        BUCKET = "bucket", "S3-compatible bucket prefix"
        PUSH = "push", "HTTP push endpoint"

    class Status(models.TextChoices):
        DRAFT = Story.Status.DRAFT.value, "Draft"
        IN_REVIEW = Story.Status.IN_REVIEW.value, "In review"
        PUBLISHED = Story.Status.PUBLISHED.value, "Published (an editor must allow it)"

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True, help_text="The push address is /wire/push/<slug>/.")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    paused = models.BooleanField(default=False, help_text="Nothing is fetched or accepted while paused.")

    url = models.URLField("feed URL", max_length=1000, blank=True)
    allowed_hosts = models.CharField(
        max_length=500, blank=True,
        help_text="Hosts the feed may be fetched from, redirects included, comma-separated. "
        "Empty: the feed URL's host only.",
    )  # fmt: skip
    poll_minutes = models.PositiveIntegerField("poll every (minutes)", default=5)
    folder = models.CharField(max_length=1000, blank=True, help_text="Absolute path of a watched folder.")
    # A bucket source's place. Its credentials are never stored here: they come from the
    # named profile of the AWS shared credentials file, else the worker's environment.
    bucket = models.CharField(max_length=63, blank=True, help_text="The bucket's name.")
    prefix = models.CharField(
        max_length=500, blank=True, help_text="Only objects whose key starts with this, e.g. agency/in/."
    )
    endpoint_url = models.URLField(
        "endpoint URL", max_length=500, blank=True,
        help_text="An S3-compatible service's address (MinIO, Ceph…); empty: Amazon S3.",
    )  # fmt: skip
    region = models.CharField(
        max_length=50, blank=True, help_text="Empty: the environment's AWS_DEFAULT_REGION."
    )
    credentials_profile = models.CharField(
        max_length=100, blank=True,
        help_text="A profile of the workers' AWS credentials file (AWS_SHARED_CREDENTIALS_FILE); "
        "empty: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from their environment.",
    )  # fmt: skip
    push_secret = models.CharField(
        max_length=100, default=new_push_secret,
        help_text="Shared with the provider: pushes are signed with HMAC-SHA256 of the body with it.",
    )  # fmt: skip

    format = models.CharField(
        max_length=10, default="auto", help_text="auto, text, ninjs, nitf, newsml or feed."
    )
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Default section; empty: from each item, else the newsroom's default.",
    )  # fmt: skip
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    publish_allowed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL,
        related_name="+", help_text="The editor who allowed this source to publish on arrival.",
    )  # fmt: skip

    # Conditional GET state, and how the source has been doing.
    etag = models.CharField(max_length=300, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(null=True, blank=True, editable=False)
    consecutive_failures = models.PositiveIntegerField(default=0, editable=False)
    last_error = models.CharField(max_length=500, blank=True, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.kind == self.Kind.FEED and urlsplit(self.url).scheme not in ("http", "https"):
            raise ValidationError({"url": "A feed is fetched over http or https only."})
        if self.kind == self.Kind.FOLDER and not self.folder.startswith("/"):
            raise ValidationError({"folder": "Give the folder's absolute path."})
        if self.kind == self.Kind.BUCKET:
            if not self.bucket:
                raise ValidationError({"bucket": "Name the bucket."})
            if self.endpoint_url and urlsplit(self.endpoint_url).scheme not in ("http", "https"):
                raise ValidationError({"endpoint_url": "An endpoint is reached over http or https only."})

    def hosts(self):
        listed = [host.strip().lower() for host in self.allowed_hosts.split(",") if host.strip()]
        return listed or [urlsplit(self.url).hostname or ""]

    def is_due(self, now=None):
        now = now or timezone.now()
        if self.paused or self.kind == self.Kind.PUSH:
            return False
        if self.last_polled_at is None:
            return True
        return (now - self.last_polled_at).total_seconds() >= self.poll_minutes * 60

    @property
    def is_failing(self):
        """Flagged on the wire desk: three failed fetches in a row."""
        return self.consecutive_failures >= 3


class Delivery(models.Model):
    """One file a source delivered (a feed response, a file in the folder, a push), kept in the
    spool so that an import can be retried. The same bytes from a source are one delivery."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="deliveries")
    name = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64)
    path = models.CharField(max_length=1000, help_text="The spooled copy.")
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "sha256"], name="unique_delivery")]
        ordering = ["-received_at", "-pk"]
        verbose_name_plural = "deliveries"

    def __str__(self):
        return f"{self.source}: {self.name}"

    @property
    def is_stalled(self):
        """Never imported, though received longer ago than an unfinished import task takes to
        be delivered again (CELERY_VISIBILITY_TIMEOUT): the process that received it died
        before queueing its import, so receiving the same bytes again must queue it."""
        if self.imported_at is not None:
            return False
        patience = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
        return timezone.now() - self.received_at > timedelta(seconds=patience)


class BucketObject(models.Model):
    """An object a bucket source has already taken, by key and ETag: a poll downloads only the
    objects that are new or whose ETag changed (rewritten under the same key)."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="bucket_objects")
    key = models.CharField(max_length=1024)
    etag = models.CharField(max_length=200)
    size = models.BigIntegerField()
    # Empty when taken; otherwise why not (too big): not taken again until rewritten.
    refused = models.CharField(max_length=300, blank=True)
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "key"], name="unique_bucket_object")]

    def __str__(self):
        return f"{self.source}: {self.key}"


class IngestedItem(models.Model):
    """What an import made of one item of a delivery: the wire desk's line per item."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="items")
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="items")
    label = models.CharField(max_length=1000)
    outcome = models.CharField(max_length=20, db_index=True)  # an Action value, or "failed"
    reason = models.CharField(max_length=500, blank=True)
    story = models.ForeignKey(Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.outcome}: {self.label}"
