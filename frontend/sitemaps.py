"""Sitemaps for search engines: an index of sections, topics, authors and stories,
a Google News sitemap of the last 48 hours, and the robots.txt that names them.

Every list starts from ``Story.objects.published()`` (directly, or through
``articles.public`` for topics and authors).
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.contrib.sitemaps.views import x_robots_tag
from django.db.models import Max, OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from articles.models import LiveUpdate, Section, Story
from articles.public import public_authors, public_tags
from frontend.cache_keys import shows_stories_of
from frontend.canonical import absolute_url
from media.pictures import share_images

NEWS_WINDOW = timedelta(hours=48)
# Google News reads at most 1,000 URLs per news sitemap.
NEWS_LIMIT = 1000


class PublicSitemap(Sitemap):
    """Addresses on the configured public origin (``NEWSROOM_SITE_URL``), else the request's."""

    def get_protocol(self, protocol=None):
        configured = urlsplit(settings.NEWSROOM_SITE_URL or "")
        return configured.scheme or super().get_protocol(protocol)

    def get_domain(self, site=None):
        configured = urlsplit(settings.NEWSROOM_SITE_URL or "")
        return configured.netloc or super().get_domain(site)


def latest_public_story(**match):
    """The publish time of the newest public story matching ``match`` (e.g. ``section=OuterRef("pk")``)."""
    return Subquery(Story.objects.published().latest_first().filter(**match).values("publish_at")[:1])


def newest_live_update():
    """When the story in the outer query last had a live update (``None`` for other stories)."""
    updates = LiveUpdate.objects.filter(story=OuterRef("pk")).newest_first()
    return Subquery(updates.values("published_at")[:1])


class SectionSitemap(PublicSitemap):
    changefreq = "hourly"

    def items(self):
        return Section.objects.annotate(latest=latest_public_story(section=OuterRef("pk"))).order_by("pk")

    def lastmod(self, section):
        return section.latest


class TagSitemap(PublicSitemap):
    changefreq = "daily"

    def items(self):
        return public_tags()

    def location(self, tag):
        return reverse("frontend:tag", kwargs={"slug": tag.slug})


class AuthorSitemap(PublicSitemap):
    changefreq = "daily"

    def items(self):
        return public_authors()


class StorySitemap(PublicSitemap):
    limit = 2000

    def items(self):
        # Only what the address, the dates and the news entry need: no bodies.
        return (
            Story.objects.published()
            .latest_first()
            .select_related("section", "lead_image")
            .only(*STORY_FIELDS)
            # A live story changes with each update: one index lookup per row, no extra query.
            .annotate(newest_update_at=newest_live_update())
        )

    def lastmod(self, story):
        return max(filter(None, [story.publish_at, story.display_updated_at, story.newest_update_at]))

    def get_latest_lastmod(self):
        # One aggregate query rather than Sitemap's default walk over every story.
        latest = self.items().aggregate(published=Max("publish_at"), updated=Max("updated_at"))
        return max(filter(None, latest.values()), default=None)


class NewsSitemap(StorySitemap):
    """Stories published in the last 48 hours, with the Google News fields."""

    limit = NEWS_LIMIT

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return super().items().filter(publish_at__gte=since)

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)
        root = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        for url in urls:
            story = url["item"]
            picture = share_images(story.lead_image)[0]["url"] if story.lead_image_id else ""
            if picture and not picture.startswith(("http://", "https://")):  # on this site, not a bucket
                picture = root + picture
            url["picture"] = picture
        return urls


# What a news sitemap's image:image needs of the lead image (its share rendition's address).
IMAGE_FIELDS = [
    "file",
    "focal_x",
    "focal_y",
    "width",
    "height",
    "renditions",
    "caption",
    "alt_text",
    "decorative",
]
STORY_FIELDS = [
    "slug", "headline", "story_type", "publish_at", "first_published_at", "created_at", "updated_at",
    "section__slug", "lead_image_id", "lead_image_caption", *(f"lead_image__{name}" for name in IMAGE_FIELDS),
]  # fmt: skip

SITEMAPS = {
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
    "stories": StorySitemap,
}


def publication_language():
    """The ISO 639 code Google News wants ("en" from "en-us")."""
    return settings.LANGUAGE_CODE.split("-")[0].lower()


@require_GET
@x_robots_tag
def index(request):
    """The sitemap index, with addresses on the same origin as the sitemaps themselves.

    The sitemap schema requires at least one URL per sitemap, so an empty
    sitemap is left out of the index (and answers 404, see ``sitemap``).
    """
    shows_stories_of()
    entries = []
    for name, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        if not sitemap.paginator.count:
            continue
        location = absolute_url(reverse("frontend:sitemap", kwargs={"section": name}), request)
        lastmod = sitemap.get_latest_lastmod()
        entries.append({"location": location, "last_mod": lastmod})
        entries += [
            {"location": f"{location}?p={page}", "last_mod": lastmod}
            for page in range(2, sitemap.paginator.num_pages + 1)
        ]
    if NewsSitemap().paginator.count:
        news_location = absolute_url(reverse("frontend:news_sitemap"), request)
        entries.append({"location": news_location, "last_mod": None})
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        "",
        f"Sitemap: {absolute_url(reverse('frontend:sitemap_index'), request)}",
        f"Sitemap: {absolute_url(reverse('frontend:news_sitemap'), request)}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def _not_empty(sitemap_class):
    if sitemap_class is None or not sitemap_class().paginator.count:
        raise Http404("Nothing to list in this sitemap yet.")


@require_GET
def sitemap(request, section):
    shows_stories_of()
    _not_empty(SITEMAPS.get(section))
    return sitemap_view(request, SITEMAPS, section=section)


@require_GET
def news_sitemap(request):
    shows_stories_of()
    _not_empty(NewsSitemap)
    response = sitemap_view(request, {"news": NewsSitemap}, template_name="sitemaps/news.xml")
    response.context_data.update(
        publication_name=settings.NEWSROOM_SITE_NAME, publication_language=publication_language()
    )
    return response
