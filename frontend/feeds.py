"""RSS 2.0 and Atom feeds: the whole site, each section, each topic and each author.

Every feed lists public stories only (``Story.objects.published()``) and carries
both the summary and the full sanitised body (``content:encoded`` in RSS,
``content`` in Atom).

Feed readers render RSS ``description`` (of the channel and of items) and Atom
``summary type="html"`` as HTML, so plain text (a standfirst, a section's
description, an author's name) is HTML-escaped before it goes there; fields
readers take as text (titles, Atom ``subtitle``, categories) carry it as it is.
The only HTML a feed carries is the sanitised body (and a live story's
sanitised updates, FEED_UPDATES of them after the body).

Every Atom entry has an author (RFC 4287 4.1.2): its byline, or the
publication for copy without one (wire copy); the feed names the publication
as its author too.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape

from articles.models import LiveUpdate, Section, Story
from articles.public import public_authors, public_tags
from frontend.cache_keys import shows_stories_of
from frontend.canonical import absolute_url, site_root
from frontend.feed_bodies import feed_body
from frontend.topics import display_name
from media.pictures import SHARE_WIDTH
from media.renditions import Spec, ensure, size_of, url_of

FEED_LENGTH = 30
# A live story's newest updates carried in its entry.
FEED_UPDATES = 10
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
MEDIA_NS = "http://search.yahoo.com/mrss/"
# The picture a feed item carries: the lead image's 16:9 share rendition.
FEED_PICTURE = Spec("16x9", SHARE_WIDTH, "jpg")


def add_media_content(handler, picture):
    """Media RSS ``<media:content>`` with the picture's caption and credit."""
    if not picture:
        return
    handler.startElement("media:content", picture["attributes"])
    if picture["caption"]:
        handler.addQuickElement("media:description", picture["caption"])
    if picture["credit"]:
        handler.addQuickElement("media:credit", picture["credit"])
    handler.endElement("media:content")


class RssWithContent(Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": CONTENT_NS, "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content:encoded", item["content_html"])
        add_media_content(handler, item["picture"])


class AtomWithContent(Atom1Feed):
    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content_html"], {"type": "html"})
        add_media_content(handler, item["picture"])


class StoryFeed(Feed):
    """The latest public stories of the whole site; subclasses narrow it down."""

    feed_type = RssWithContent

    @classmethod
    def as_view(cls):
        """A view that builds a fresh feed per request, so ``self.request`` is never shared."""

        def view(request, *args, **kwargs):
            feed = cls()
            feed.request = request
            return feed(request, *args, **kwargs)

        return view

    def title(self, obj):
        return settings.NEWSROOM_SITE_NAME

    def description(self, obj):
        return escape(self.description_text(obj))

    def description_text(self, obj):
        return f"The latest stories from {settings.NEWSROOM_SITE_NAME}."

    def link(self, obj):
        return absolute_url(obj.get_absolute_url() if obj else reverse("frontend:home"), self.request)

    def feed_url(self, obj):
        return absolute_url(self.request.path, self.request)

    def filter_stories(self, stories, obj):
        return stories

    def items(self, obj):
        shows_stories_of(obj)
        stories = self.filter_stories(Story.objects.published().latest_first(), obj)
        stories = list(stories.with_card_data().prefetch_related("tags")[:FEED_LENGTH])
        # Live stories' newest updates: one query (a slice per story), and none without a live story.
        updates = LiveUpdate.objects.filter(withdrawn_at__isnull=True).newest_first()[:FEED_UPDATES]
        prefetch_related_objects(
            [story for story in stories if story.is_live_coverage],
            Prefetch("live_updates", queryset=updates, to_attr="feed_updates"),
        )
        return stories

    def item_title(self, story):
        return story.headline

    def item_description(self, story):
        return escape(story.summary)

    def item_link(self, story):
        return absolute_url(story.get_absolute_url(), self.request)

    def item_guid(self, story):
        # Stable across slug and section changes, so readers never see a story twice.
        host = urlsplit(site_root(self.request)).hostname or "localhost"
        return f"tag:{host},{story.dateline_date:%Y-%m-%d}:story/{story.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, story):
        return story.publish_at

    def item_updateddate(self, story):
        updated = story.display_updated_at or story.publish_at
        if story.is_live_coverage and story.feed_updates:
            newest = story.feed_updates[0]
            updated = max(updated, newest.corrected_at or newest.published_at)
        return updated

    def item_author_name(self, story):
        # Copy without a byline is the publication's own (RFC 4287: every entry has an author).
        return ", ".join(author.name for author in story.ordered_authors()) or settings.NEWSROOM_SITE_NAME

    def item_author_link(self, story):
        authors = story.ordered_authors()
        return absolute_url(authors[0].get_absolute_url(), self.request) if authors else None

    def item_categories(self, story):
        return [story.section.name, *(tag.name for tag in story.tags.all())]

    def item_enclosures(self, story):
        if not story.lead_image_id:
            return []
        url, length = self._picture_file(story)
        return [Enclosure(url, str(length), FEED_PICTURE.mime_type)]

    def _picture_file(self, story):
        # Made now if no page has asked for it yet: an enclosure must state its length.
        name = ensure(story.lead_image, FEED_PICTURE)
        return absolute_url(
            url_of(story.lead_image, FEED_PICTURE), self.request
        ), story.lead_image.renditions[name]

    def item_extra_kwargs(self, story):
        picture = None
        if story.lead_image_id:
            url, length = self._picture_file(story)
            width, height = size_of(story.lead_image, FEED_PICTURE)
            picture = {
                "attributes": {
                    "url": url, "type": FEED_PICTURE.mime_type, "medium": "image", "fileSize": str(length),
                    "width": str(width), "height": str(height),
                },
                "caption": story.lead_caption,
                "credit": story.lead_image.credit,
            }  # fmt: skip
        # The body and the updates are sanitised on every save (articles/sanitise.py).
        content = feed_body(story, self.request)
        if story.is_live_coverage and story.feed_updates:
            content += render_to_string("frontend/live/feed_updates.html", {"story": story})
        return {"content_html": content, "picture": picture}


class SectionFeed(StoryFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, section):
        return f"{section.name} · {settings.NEWSROOM_SITE_NAME}"

    def description_text(self, section):
        return section.description or f"The latest {section.name} stories from {settings.NEWSROOM_SITE_NAME}."

    def filter_stories(self, stories, section):
        return stories.in_section(section)


class TagFeed(StoryFeed):
    def get_object(self, request, slug):
        return get_object_or_404(public_tags(), slug=slug)

    def title(self, tag):
        return f"{display_name(tag.name)} · {settings.NEWSROOM_SITE_NAME}"

    def description_text(self, tag):
        return f"Stories about {display_name(tag.name)} from {settings.NEWSROOM_SITE_NAME}."

    def link(self, tag):
        return absolute_url(reverse("frontend:tag", kwargs={"slug": tag.slug}), self.request)

    def filter_stories(self, stories, tag):
        return stories.filter(tags=tag)


class AuthorFeed(StoryFeed):
    def get_object(self, request, slug):
        return get_object_or_404(public_authors(), slug=slug)

    def title(self, author):
        return f"{author.name} · {settings.NEWSROOM_SITE_NAME}"

    def description_text(self, author):
        return f"Stories by {author.name} from {settings.NEWSROOM_SITE_NAME}."

    def filter_stories(self, stories, author):
        return stories.by_author(author)


class AtomFeed:
    """Mixed in first: the same feed as Atom 1.0."""

    feed_type = AtomWithContent

    def author_name(self, obj):
        return settings.NEWSROOM_SITE_NAME

    def subtitle(self, obj):
        # Atom's subtitle is text (no type attribute): escaping it would show the codes.
        return self.description_text(obj)


class StoryAtomFeed(AtomFeed, StoryFeed):
    pass


class SectionAtomFeed(AtomFeed, SectionFeed):
    pass


class TagAtomFeed(AtomFeed, TagFeed):
    pass


class AuthorAtomFeed(AtomFeed, AuthorFeed):
    pass
