import html

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import connection, models
from django.db.models import F, Min, Prefetch, Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from taggit.managers import TaggableManager

from articles import bulk_copy, search
from articles.addresses import address
from articles.related import related_stories
from articles.sanitise import sanitise_html, sanitised_text
from articles.signals import send_content_changed, stories_saved

from .loaded import RemembersLoadedValues
from .people import Byline
from .related import RelatedLink
from .sources import SourceAttribution


def published_q(now=None):
    """The one definition of "a reader may see this story".

    Published, its publish time has passed, and no embargo holds it back. It is
    evaluated at query time, so a scheduled story appears on the minute with no
    cron job, and nothing appears early. ``Story.is_public()`` below is the same
    rule for a story already in memory; tests/content/test_visibility.py holds
    the two to each other.
    """
    now = now or timezone.now()
    return Q(status=Story.Status.PUBLISHED, publish_at__lte=now) & (
        Q(embargo_until__isnull=True) | Q(embargo_until__lte=now)
    )


def is_public(story, now=None):
    """``published_q`` for one story in memory."""
    now = now or timezone.now()
    return (
        story.status == Story.Status.PUBLISHED
        and story.publish_at is not None
        and story.publish_at <= now
        and (story.embargo_until is None or story.embargo_until <= now)
    )


# Bookkeeping columns no reader sees: updating only these announces no change.
INVISIBLE_FIELDS = {"lock_version", "search_vector"}


class StoryEditConflict(Exception):
    """Raised by ``Story.save()`` when the row changed since this copy was loaded."""


class StoryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        # A bulk update sends no post_save; whoever reacts to changes must still hear of it,
        # and which rows changed (one query more), unless only fields readers never see changed.
        if set(kwargs) <= INVISIBLE_FIELDS:
            return super().update(**kwargs)
        pks = list(self.values_list("pk", flat=True))
        rows = super().update(**kwargs)
        if rows:
            send_content_changed(self.model, pks=pks)
        return rows

    def published(self, now=None):
        return self.filter(published_q(now))

    def next_release(self, now=None):
        """When the next story becomes public on its own (a publish time or an embargo end), or None."""
        now = now or timezone.now()
        waiting = self.filter(status=Story.Status.PUBLISHED).filter(
            Q(publish_at__gt=now) | Q(embargo_until__gt=now)
        )
        times = waiting.aggregate(
            publish=Min("publish_at", filter=Q(publish_at__gt=now)),
            embargo=Min("embargo_until", filter=Q(embargo_until__gt=now)),
        )
        return min((t for t in times.values() if t), default=None)

    def ranked_matches(self, text):
        """The pks of these stories matching what a reader typed, best first (articles/search.py)."""
        return search.ranked_pks(self, text)

    def related_to(self, story, *, limit=5):
        """Public stories related to ``story``, best first: "More on this" (articles/related.py)."""
        return related_stories(self.published(), story, limit=limit)

    def create_many(self, stories):
        """Insert new stories in one query per table, with every derived field ``save()`` works out.

        Sends ``stories_saved`` (the search index hears it) and ``content_changed``.
        On PostgreSQL the rows are written with ``COPY``, their search vectors with
        them (``articles.bulk_copy``).
        """
        Story.give_unique_slugs(stories)
        for story in stories:
            story.fill_derived_fields()
        if connection.vendor == "postgresql":
            created = bulk_copy.insert_stories(Story, stories)
            stories_saved.send(sender=Story, stories=created, indexed=True)
        else:
            created = self.bulk_create(stories)
            stories_saved.send(sender=Story, stories=created, indexed=False)
        send_content_changed(Story, instances=created, created=True)
        return created

    def scheduled(self, now=None):
        """Published by an editor but waiting for their publish time."""
        return self.filter(status=Story.Status.PUBLISHED, publish_at__gt=now or timezone.now())

    def embargoed(self, now=None):
        """Published by an editor but held back by an embargo that has not lifted."""
        return self.filter(status=Story.Status.PUBLISHED, embargo_until__gt=now or timezone.now())

    def in_section(self, section):
        """Stories of a section and of its sub-sections.

        The sections are a subquery on their small table rather than a join with
        ``OR``, so PostgreSQL can walk the story table's indexes."""
        family = type(section).objects.filter(Q(pk=section.pk) | Q(parent=section)).values("pk")
        return self.filter(section__in=family)

    def by_author(self, author):
        return self.filter(bylines__author=author)

    def latest_first(self):
        return self.order_by("-publish_at", "-pk")

    def with_card_data(self):
        """What a list of story cards shows: section, lead image and ordered bylines."""
        return (
            self.for_reading()
            .select_related("section", "section__parent", "lead_image")
            .prefetch_related(listed_bylines())
        )

    def for_reading(self):
        """Stories to show, without their search vectors: a page never shows one, and each is
        the size of the story's text again, sent and parsed for every row."""
        return self.defer("search_vector")

    def for_article_page(self):
        """Everything the article page shows, in a fixed number of queries."""
        return self.for_article_row().prefetch_related(*article_relations())

    def for_article_row(self):
        """An article's own row with its section (and parent) and lead picture, in one query."""
        return self.for_reading().select_related("section", "section__parent", "lead_image")


def listed_bylines():
    """Stories' bylines with their authors, in order, as a plain list (``ordered_authors()``).

    A list rather than the related manager's cache: for that, Django builds a
    filtered queryset for every story loaded, most of the cost of loading a
    front's cards."""
    return Prefetch("bylines", queryset=Byline.objects.select_related("author"), to_attr=LISTED_BYLINES)


LISTED_BYLINES = "listed_bylines"


def article_relations():
    """What an article shows beyond its row, section and lead picture, one query each: its
    bylines, topics, corrections, sources and related links (with ``prefetch_related()`` on a
    queryset, or ``prefetch_related_objects()`` on a story already loaded)."""
    return [
        listed_bylines(),
        "tags",
        "corrections",
        Prefetch("sources", queryset=SourceAttribution.objects.select_related("outlet")),
        Prefetch("related_links", queryset=RelatedLink.objects.select_related("target", "target__section")),
    ]


class Story(RemembersLoadedValues, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"

    class StoryType(models.TextChoices):
        NEWS = "news", "News"
        ANALYSIS = "analysis", "Analysis"
        OPINION = "opinion", "Opinion"
        EXPLAINER = "explainer", "Explainer"
        FEATURE = "feature", "Feature"
        INTERVIEW = "interview", "Interview"
        REVIEW = "review", "Review"
        LIVE = "live", "Live coverage"  # a story type; "Live" is only ever the status badge

    headline = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        blank=True,
        help_text="The last part of the story's address. Changing it keeps the old address working.",
    )
    dek = models.TextField("standfirst", blank=True, help_text="One or two sentences under the headline.")
    body = models.TextField(
        blank=True,
        help_text="HTML; cleaned on every save to paragraphs, subheadings, quotes, lists and links.",
    )
    section = models.ForeignKey("articles.Section", on_delete=models.PROTECT, related_name="stories")
    authors = models.ManyToManyField("articles.Author", through=Byline, related_name="stories")
    credit_line = models.CharField(
        max_length=200, blank=True, help_text="E.g. “Additional reporting by Reuters”."
    )
    tags = TaggableManager(blank=True)
    # A picture from the library (the media app); the core refers to it by name only.
    lead_image = models.ForeignKey(
        "media.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lead_of",
        help_text="Shown at the top of the story, on cards and when the story is shared.",
    )
    lead_image_caption = models.TextField(
        blank=True, help_text="Replaces the picture's own caption on this story only."
    )
    story_type = models.CharField(max_length=20, choices=StoryType.choices, default=StoryType.NEWS)
    # Live coverage (articles/models/live.py) runs from the first publication until closed.
    coverage_ended_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the live coverage was closed."
    )

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="When the story goes live. A future time schedules it.",
    )
    embargo_until = models.DateTimeField(
        null=True, blank=True, help_text="Held back from readers until this time, whatever its status."
    )
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(
        null=True, blank=True, help_text="Shown to readers as “Updated”; moved by corrections and updates."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories_created",
    )

    seo_title = models.CharField("SEO title", max_length=200, blank=True)
    seo_description = models.CharField("SEO description", max_length=300, blank=True)
    canonical_url = models.URLField(
        max_length=500, blank=True, help_text="For syndicated copy: the original's address."
    )
    word_count = models.PositiveIntegerField(default=0, editable=False)
    # Full-text search document (PostgreSQL only; empty elsewhere), kept by articles/search.py.
    search_vector = SearchVectorField(null=True, editable=False)
    # Bumped on every save; the admin refuses a save made from a stale copy.
    lock_version = models.PositiveIntegerField(default=0, editable=False)

    objects = StoryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "stories"
        ordering = ["-publish_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "publish_at"], name="story_status_publish_idx"),
            models.Index(fields=["section", "status", "publish_at"], name="story_section_publish_idx"),
            # The newest "Updated" time (a sitemap's lastmod) without reading every story.
            models.Index(fields=["updated_at"], name="story_updated_idx"),
        ]
        permissions = [("publish_story", "Can publish, schedule and unpublish stories")]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.fill_derived_fields()
        self._remember_old_slug()
        self._bump_lock_version()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        day = self.dateline_date
        return address(
            "frontend:story",
            section=self.section.slug,
            year=day.year,
            month=f"{day.month:02d}",
            day=f"{day.day:02d}",
            slug=self.slug,
        )

    @property
    def tag_links(self):
        """The story's rows in taggit's table, which django-reversion follows
        (articles/revisions.py) so that every version keeps its topics."""
        return self.tags.through.objects.filter(
            content_type=ContentType.objects.get_for_model(Story), object_id=self.pk
        )

    def fill_derived_fields(self):
        """What every save works out from the editable fields: the sanitised body, its word
        count, a unique slug, publish times. ``Story.objects.create_many()`` runs it too.
        (The search document is kept by a receiver of the saves, articles/search.py.)"""
        self.body = sanitise_html(self.body)
        self.word_count = len(self.plain_text().split())
        if not self.slug:
            self.slug = self._unique_slug(self.slug_base())
        if self.status == self.Status.PUBLISHED and self.publish_at is None:
            self.publish_at = timezone.now()
        if self.status == self.Status.PUBLISHED and self.first_published_at is None:
            self.first_published_at = self.publish_at

    def plain_text(self):
        """The body without its tags, as strip_tags() would give it, once the body is sanitised."""
        return sanitised_text(self.body)

    def slug_base(self):
        return slugify(self.headline)[:180] or "story"

    @classmethod
    def give_unique_slugs(cls, stories):
        """Unique slugs for several new stories at once: one query for the common case that
        a story's plain slug is free, and numbered slugs, as save() makes them, when it is
        taken by another story, an old slug, or an earlier story in ``stories``."""
        bases = [story.slug_base() for story in stories if not story.slug]
        taken = set(cls.objects.filter(slug__in=bases).values_list("slug", flat=True))
        taken.update(StorySlugHistory.objects.filter(old_slug__in=bases).values_list("old_slug", flat=True))
        used = set()
        for story in stories:
            if not story.slug:
                base = story.slug_base()
                fits = base not in taken and base not in used
                story.slug = base if fits else story._unique_slug(base, reserved=used)
            used.add(story.slug)

    def _bump_lock_version(self):
        """Claim the next lock version, or refuse if someone saved since this copy was loaded.

        One conditional UPDATE, so two concurrent saves of the same version cannot
        both pass: the second waits for the first's row lock, then matches no row.
        """
        if self.pk is None or self._state.adding:
            return
        claimed = Story.objects.filter(pk=self.pk, lock_version=self.lock_version).update(
            lock_version=F("lock_version") + 1
        )
        if not claimed:
            raise StoryEditConflict(
                f"“{self.headline}” was changed by someone else after this copy was loaded."
            )
        self.lock_version += 1

    def _unique_slug(self, base, reserved=frozenset()):
        slug, n = base, 2
        others = Story.objects.exclude(pk=self.pk)
        while (
            slug in reserved
            or others.filter(slug=slug).exists()
            or StorySlugHistory.objects.filter(old_slug=slug).exclude(story_id=self.pk).exists()
        ):
            slug, n = f"{base}-{n}", n + 1
        return slug

    def _remember_old_slug(self):
        if not self.pk:
            return
        old_slug = Story.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        if old_slug and old_slug != self.slug:
            StorySlugHistory.objects.update_or_create(old_slug=old_slug, defaults={"story": self})
            # Taking back a slug this story once had: the live slug wins.
            StorySlugHistory.objects.filter(old_slug=self.slug).delete()

    # Reader-facing facts

    @property
    def is_live_coverage(self):
        return self.story_type == self.StoryType.LIVE

    @property
    def coverage_started_at(self):
        return self.first_published_at or self.publish_at

    @property
    def coverage_is_open(self):
        """Live and still being updated: readers see the "Live" marker."""
        return self.is_live_coverage and self.coverage_ended_at is None

    def is_public(self, now=None):
        return is_public(self, now)

    @property
    def dateline_date(self):
        """The date in the story's address: when it first went out."""
        moment = self.first_published_at or self.publish_at or self.created_at or timezone.now()
        return timezone.localtime(moment).date()

    @property
    def display_updated_at(self):
        """The "Updated" time, shown only when it is later than the publish time."""
        if self.updated_at and self.publish_at and self.updated_at > self.publish_at:
            return self.updated_at
        return None

    @property
    def summary(self):
        """The dek, or the opening of the body when there is none: plain text either way."""
        if self.dek:
            return self.dek
        return Truncator(html.unescape(strip_tags(self.body))).words(40)

    @property
    def meta_description(self):
        return self.seo_description or Truncator(self.summary).chars(160)

    def ordered_authors(self):
        bylines = getattr(self, LISTED_BYLINES, None)  # loaded with the story (listed_bylines())
        return [byline.author for byline in (self.bylines.all() if bylines is None else bylines)]

    @property
    def lead_caption(self):
        """The lead image's caption on this story: the story's override, else the picture's own."""
        if self.lead_image_id is None:
            return ""
        return self.lead_image_caption or self.lead_image.caption

    def public_related_links(self):
        """Hand-picked related links, minus any that point at a story readers cannot see."""
        now = timezone.now()
        return [link for link in self.related_links.all() if not link.target_id or link.target.is_public(now)]


class StorySlugHistory(models.Model):
    """A slug a story used to have, so its old address answers with a redirect."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="old_slugs")
    old_slug = models.SlugField(max_length=200, unique=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "story slug history"

    def __str__(self):
        return self.old_slug
