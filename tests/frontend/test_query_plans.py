"""Every public page finds its stories through an index, on an archive big enough
for PostgreSQL's planner to prefer one.

A newsroom of ``STORIES`` stories (mostly public, some drafts, scheduled and
embargoed ones, sections with sub-sections, topics and bylines) is written with
``bulk_create`` and analysed; then every public page type is rendered, each of
its queries that reads the story table is asked for its plan (``EXPLAIN``), and
no plan may read the whole story table (``Seq Scan on articles_story``).

Two kinds of query are let through, because they must read a large share of
the archive whatever the index (and PostgreSQL rightly reads the table for them):
the sitemaps' counts of every public story (the index names every page of
2,000), and the archive's list of the years that have stories (``DISTINCT``
over every public story).
"""

import random
import re
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.models import Author, Byline, Section, Story, StorySlugHistory
from articles.search import story_search_vector

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.django_db]

STORIES = 30_000
STORY_TABLE = '"articles_story"'
COUNT = '"__count"'
STORY_SCAN = re.compile(r"Seq Scan on articles_story\b")
WORDS = ["harbour", "council", "budget", "storm", "bridge", "school", "court", "summit", "museum", "ferry"]


@pytest.fixture
def archive(db):
    if connection.vendor != "postgresql":
        pytest.skip("query plans are PostgreSQL's")
    rng = random.Random(12)
    desks = Section.objects.bulk_create(
        Section(name=f"Desk {n}", slug=f"desk-{n}", order=n) for n in range(8)
    )
    children = Section.objects.bulk_create(
        Section(name=f"Beat {n}", slug=f"beat-{n}", order=n, parent=desks[n]) for n in range(8)
    )
    sections = desks + children
    authors = Author.objects.bulk_create(
        Author(name=f"Reporter {n}", slug=f"reporter-{n}") for n in range(200)
    )
    tags = Tag.objects.bulk_create(Tag(name=f"topic {n}", slug=f"topic-{n}") for n in range(2000))
    now = timezone.now()
    stories = []
    for n in range(STORIES):
        words = rng.sample(WORDS, 4)
        publish_at = now - timedelta(minutes=15 * n + 5)
        status, embargo = Story.Status.PUBLISHED, None
        kind = n % 100
        if kind < 3:
            status = Story.Status.DRAFT
        elif kind < 5:
            publish_at = now + timedelta(hours=n % 48 + 1)  # scheduled
        elif kind < 7:
            embargo = now + timedelta(hours=n % 24 + 1)
        stories.append(
            Story(
                headline=f"{words[0].title()} {words[1]} story {n}",
                slug=f"story-{n}",
                dek=f"The city and its {words[2]}.",
                body=f"<p>About the {words[3]} of the city, number {n}.</p>",
                section=sections[n % len(sections)],
                status=status,
                publish_at=publish_at,
                first_published_at=publish_at,
                embargo_until=embargo,
                word_count=8,
            )
        )
    stories = Story.objects.bulk_create(stories, batch_size=5000)
    story_type = ContentType.objects.get_for_model(Story)
    TaggedItem.objects.bulk_create(
        (
            TaggedItem(content_type=story_type, object_id=story.pk, tag=tag)
            for story in stories
            for tag in rng.sample(tags, 3)
        ),
        batch_size=10000,
    )
    Byline.objects.bulk_create(
        (
            Byline(story=story, author=author, position=position)
            for story in stories
            for position, author in enumerate(rng.sample(authors, 2))
        ),
        batch_size=10000,
    )
    Story.objects.filter(pk__in=[story.pk for story in stories]).update(search_vector=story_search_vector())
    public = [story for story in stories if story.is_public(now)]
    story = public[len(public) // 2]
    StorySlugHistory.objects.create(story=story, old_slug="an-old-slug")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"story": story, "desk": desks[1], "beat": children[1], "tag": tags[7], "author": authors[3]}


def public_pages(archive):
    story = archive["story"]
    day = timezone.localtime(story.publish_at)
    tag, author = archive["tag"], archive["author"]
    front = reverse("frontend:section", kwargs={"section": archive["desk"].slug})
    return {
        "home": "/",
        "article": story.get_absolute_url(),
        "article by an old slug": story.get_absolute_url().replace(story.slug, "an-old-slug"),
        "section front": front,
        "section front, page 3": f"{front}?page=3",
        "sub-section front": reverse("frontend:section", kwargs={"section": archive["beat"].slug}),
        "tag": reverse("frontend:tag", kwargs={"slug": tag.slug}),
        "author": reverse("frontend:author", kwargs={"slug": author.slug}),
        "search, every story": "/search/?q=city",
        "search, a tenth of the stories": "/search/?q=harbour",
        "search, one story": f"/search/?q={story.slug.replace('-', ' ')}",
        "feed": reverse("frontend:feed_rss"),
        "section feed": reverse("frontend:section_feed_rss", kwargs={"slug": archive["desk"].slug}),
        "tag feed": reverse("frontend:tag_feed_rss", kwargs={"slug": tag.slug}),
        "author feed": reverse("frontend:author_feed_rss", kwargs={"slug": author.slug}),
        "sitemap index": reverse("frontend:sitemap_index"),
        "sitemap of stories, page 2": reverse("frontend:sitemap", kwargs={"section": "stories"}) + "?p=2",
        "sitemap of sections": reverse("frontend:sitemap", kwargs={"section": "sections"}),
        "sitemap of tags": reverse("frontend:sitemap", kwargs={"section": "tags"}),
        "sitemap of authors": reverse("frontend:sitemap", kwargs={"section": "authors"}),
        "news sitemap": reverse("frontend:news_sitemap"),
        "archive": reverse("frontend:archive"),
        "archive year": reverse("frontend:archive_year", kwargs={"year": day.year}),
        "archive month": reverse("frontend:archive_month", kwargs={"year": day.year, "month": day.month}),
        "archive day": reverse(
            "frontend:archive_day", kwargs={"year": day.year, "month": day.month, "day": day.day}
        ),
    }


def plan(sql):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def reads_a_large_share_by_design(name, sql):
    """A sitemap's count of every public story, or the archive's list of years (module docstring)."""
    whole = sql.startswith(f"SELECT COUNT(*) AS {COUNT} FROM {STORY_TABLE} WHERE") and " JOIN " not in sql
    periods = sql.startswith("SELECT DISTINCT DATE_TRUNC(")
    return (name.startswith("sitemap") and whole) or (name == "archive" and periods)


def test_every_public_page_reads_stories_through_an_index(client, archive, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    cache.clear()  # "More on this" is scored on the article's first render: keep that render
    scans = {}
    for name, url in public_pages(archive).items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code in (200, 301), (name, url, response.status_code)
        story_queries = [query["sql"] for query in queries.captured_queries if STORY_TABLE in query["sql"]]
        assert story_queries, name
        for sql in story_queries:
            if STORY_SCAN.search(plan(sql)) and not reads_a_large_share_by_design(name, sql):
                scans.setdefault(name, []).append(sql[:400])
    assert not scans, "\n".join(f"{name}: {sqls}" for name, sqls in scans.items())
