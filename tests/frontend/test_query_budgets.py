"""Every public page type costs a fixed number of queries, whatever the size of the newsroom.

Measured with the page cache off (a render, not a cache hit), once a page has
been shown before (the article page scores "More on this" on its first render
and keeps the ids). Each budget is the most the
page may use; growing the newsroom (more stories, tags, authors, sources,
related links) must not change the count at all.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Author, Byline, Outlet, RelatedLink, Section, SourceAttribution, Story

pytestmark = pytest.mark.django_db

# The most queries each page may take on a cold render. Every HTML page also
# asks for the breaking-news banner (fronts/templatetags/fronts.py): one each.
# A curated front's own budget, with slots, is in tests/fronts/test_front_queries.py.
BUDGETS = {
    # the front, desks, their sub-sections, the candidates' ids (newest few per desk, one query),
    # the stories shown, their bylines, navigation, banner
    "home": 8,
    # the section, its front, the candidates' ids, the stories shown and their bylines, the list's
    # count, page and bylines, sub-sections, navigation, banner
    "section": 11,
    # the story, bylines, tags, sources, links, corrections, "More on this" by id, navigation, banner
    "article": 9,
    "tag": 6,
    "author": 6,
    "archive index": 3,
    "archive year": 6,
    "archive month": 6,
    "archive day": 5,
    # the ranked ids, the page's stories (highlighted on PostgreSQL) and their bylines, the
    # sections to filter by, banner
    "search": 5,
    "feed rss": 3,
    "feed atom": 3,
    "section feed": 4,
    "tag feed": 4,
    "author feed": 4,
    "sitemap index": 11,  # the newest change of each sitemap, to give its lastmod
    "sitemap stories": 3,
    "sitemap sections": 3,
    "sitemap tags": 3,
    "sitemap authors": 3,
    "news sitemap": 3,
    "robots": 0,
}


def grow(world, europe, count, start=0):
    """``count`` more public stories, each with two authors, three topics, a source and two links."""
    outlet = Outlet.objects.get_or_create(name="Reuters")[0]
    now = timezone.now()
    stories = []
    for number in range(start, start + count):
        story = Story.objects.create(
            headline=f"Harbour story {number}", dek="A standfirst.", body=f"<p>Harbour body {number}.</p>",
            section=europe if number % 2 else world, status=Story.Status.PUBLISHED,
            publish_at=now - timedelta(hours=1 + number),
        )  # fmt: skip
        story.tags.set(["Harbour", f"topic {number}", f"theme {number % 5}"])
        for position in range(2):
            slug = f"writer-{number % 7}-{position}"
            author = Author.objects.get_or_create(slug=slug, defaults={"name": slug.replace("-", " ")})[0]
            Byline.objects.create(story=story, author=author, position=position)
        SourceAttribution.objects.create(story=story, outlet=outlet, position=0)
        if stories:
            RelatedLink.objects.create(story=story, target=stories[-1], position=0)
        RelatedLink.objects.create(story=story, title="Elsewhere", url="https://example.org/x", position=1)
        stories.append(story)
    return stories


def pages(story):
    day = timezone.localtime(story.publish_at)
    return {
        "home": "/",
        "section": reverse("frontend:section", kwargs={"section": "europe"}),
        "article": story.get_absolute_url(),
        "tag": reverse("frontend:tag", kwargs={"slug": "harbour"}),
        "author": reverse("frontend:author", kwargs={"slug": "writer-1-0"}),
        "archive index": reverse("frontend:archive"),
        "archive year": reverse("frontend:archive_year", kwargs={"year": day.year}),
        "archive month": reverse("frontend:archive_month", kwargs={"year": day.year, "month": day.month}),
        "archive day": reverse(
            "frontend:archive_day", kwargs={"year": day.year, "month": day.month, "day": day.day}
        ),
        "search": reverse("frontend:search") + "?q=harbour",
        "feed rss": reverse("frontend:feed_rss"),
        "feed atom": reverse("frontend:feed_atom"),
        "section feed": reverse("frontend:section_feed_rss", kwargs={"slug": "europe"}),
        "tag feed": reverse("frontend:tag_feed_rss", kwargs={"slug": "harbour"}),
        "author feed": reverse("frontend:author_feed_rss", kwargs={"slug": "writer-1-0"}),
        "sitemap index": reverse("frontend:sitemap_index"),
        "sitemap stories": reverse("frontend:sitemap", kwargs={"section": "stories"}),
        "sitemap sections": reverse("frontend:sitemap", kwargs={"section": "sections"}),
        "sitemap tags": reverse("frontend:sitemap", kwargs={"section": "tags"}),
        "sitemap authors": reverse("frontend:sitemap", kwargs={"section": "authors"}),
        "news sitemap": reverse("frontend:news_sitemap"),
        "robots": reverse("frontend:robots_txt"),
    }


def queries_per_page(client, story):
    counts = {}
    for name, url in pages(story).items():
        client.get(url)  # the article's first render also scores "More on this" (frontend/related.py)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        counts[name] = len(queries)
    return counts


def test_every_public_page_keeps_its_query_budget_as_the_newsroom_grows(client, world, europe, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    Section.objects.create(name="Sport", slug="sport", order=5)
    # Enough that the section's list goes on below its front (a lead and four).
    small = grow(world, europe, 12)
    article = small[1]  # in europe, with a hand-picked link to another story
    before = queries_per_page(client, article)
    grow(world, europe, 25, start=12)
    after = queries_per_page(client, article)
    assert after == before
    over = {name: (count, BUDGETS[name]) for name, count in after.items() if count > BUDGETS[name]}
    assert over == {}, after
