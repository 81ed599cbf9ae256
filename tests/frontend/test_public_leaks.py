"""No story a reader may not see leaks through any public door.

Stories in every non-public state carry unique words in headline, standfirst,
body and topics, and share a section, topics and an author with public stories
(so they are candidates for every list). A crawl of every public door (pages,
feeds, sitemaps, robots.txt, archives, search, related lists, JSON-LD) must
never show one of those words.
"""

import re
from collections import deque
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html

from articles.models import RelatedLink, Section, Story

NON_PUBLIC = {
    "draft": {"status": Story.Status.DRAFT},
    "review": {"status": Story.Status.IN_REVIEW},
    "unpublished": {"status": Story.Status.UNPUBLISHED},
    "scheduled": {"publish_at_offset": timedelta(hours=6)},
    "embargoed": {"embargo_offset": timedelta(hours=6)},
}
PARTS = ("headline", "dek", "body", "tag")
MAX_PAGES = 600


def secret(state, part):
    return f"zq{state}{part}word"


SECRETS = [secret(state, part) for state in NON_PUBLIC for part in PARTS]


@pytest.fixture
def newsroom(make_story, europe):
    sport = Section.objects.create(name="Sport", slug="sport", order=3)
    public = [
        make_story(
            f"Public story {n} about trade talks",
            section=section,
            dek="A public standfirst.",
            tags=["Trade", "Shared topic"],
            authors=["Ana Lopez"],
            hours_ago=n + 1,
        )
        for n, section in enumerate([europe, europe, sport])
    ]
    hidden = []
    for state, options in NON_PUBLIC.items():
        fields = {"status": options.get("status", Story.Status.PUBLISHED)}
        if "publish_at_offset" in options:
            fields["publish_at"] = timezone.now() + options["publish_at_offset"]
        if "embargo_offset" in options:
            fields["embargo_until"] = timezone.now() + options["embargo_offset"]
        story = make_story(
            f"Trade talks {secret(state, 'headline')}",
            section=europe,
            dek=f"Standfirst {secret(state, 'dek')}.",
            body=f"<p>Trade talks body {secret(state, 'body')}.</p>",
            tags=["Trade", "Shared topic", secret(state, "tag")],
            authors=["Ana Lopez"],
            **fields,
        )
        # Hand-picked links pointing at a hidden story must not show it either.
        RelatedLink.objects.create(story=public[0], target=story, position=len(hidden))
        hidden.append(story)
    return public, hidden


def leaked(content):
    text = content.lower()
    return [word for word in SECRETS if word in text]


def links_in(content, origin):
    """Same-site paths named by a page, a feed or a sitemap."""
    found = set(re.findall(r'href="(/[^"#]*)"', content))
    found |= set(re.findall(re.escape(origin) + r'(/[^\s"<#]*)', content))
    return {path.replace("&amp;", "&") for path in found}


def crawl(client, seeds, origin):
    seen, queue, pages = set(), deque(seeds), {}
    while queue and len(pages) < MAX_PAGES:
        path = queue.popleft()
        if path in seen or path.startswith(("/admin/", "/static/")):
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code in (301, 302):
            queue.append(response["Location"].removeprefix(origin))
            continue
        if response.status_code != 200:
            continue
        content = response.content.decode()
        pages[path] = content
        queue.extend(links_in(content, origin) - seen)
    return pages


def test_no_public_door_shows_a_non_public_story(client, newsroom, settings):
    public, hidden = newsroom
    origin = settings.NEWSROOM_SITE_URL
    seeds = ["/", "/robots.txt", "/sitemap.xml", "/sitemap-news.xml", "/archive/"]
    seeds += ["/feeds/rss/", "/feeds/atom/"]
    for story in hidden:
        day = story.publish_at
        seeds += [
            f"/archive/{day.year}/",
            f"/archive/{day.year}/{day.month}/",
            f"/archive/{day.year}/{day.month}/{day.day}/",
        ]
    narrow_feeds = [("section", "europe"), ("tag", "trade"), ("tag", "shared-topic"), ("author", "ana-lopez")]
    for kind, slug in narrow_feeds:
        seeds += [f"/feeds/{kind}/{slug}/rss/", f"/feeds/{kind}/{slug}/atom/"]

    pages = crawl(client, seeds, origin)

    for story in public:
        assert story.get_absolute_url() in pages
    assert {"/sitemap-stories.xml", "/sitemap-tags.xml", "/sitemap-news.xml", "/tag/trade/"} <= set(pages)
    assert any(path.startswith("/feeds/tag/") for path in pages)
    assert "More on this" in pages[public[1].get_absolute_url()]
    assert "application/ld+json" in pages[public[0].get_absolute_url()]
    leaks = {path: words for path, content in pages.items() if (words := leaked(content))}
    assert leaks == {}


@pytest.mark.parametrize("word", SECRETS)
def test_search_finds_no_non_public_story(client, newsroom, word):
    response = client.get(reverse("frontend:search"), {"q": word})

    tree = lxml_html.fromstring(response.content)
    assert tree.xpath("//ol[contains(@class, 'search-results')]/li") == []
    # The page repeats the query itself; nothing else of the story may appear.
    assert leaked(response.content.decode().replace(word, "")) == []


def test_hidden_stories_and_their_topics_have_no_page_or_feed(client, newsroom):
    _public, hidden = newsroom
    for story in hidden:
        assert client.get(story.get_absolute_url()).status_code == 404
    for state in NON_PUBLIC:
        slug = secret(state, "tag")
        assert client.get(reverse("frontend:tag", kwargs={"slug": slug})).status_code == 404
        assert client.get(reverse("frontend:tag_feed_rss", kwargs={"slug": slug})).status_code == 404
        assert client.get(reverse("frontend:tag_feed_atom", kwargs={"slug": slug})).status_code == 404
