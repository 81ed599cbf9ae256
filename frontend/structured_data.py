"""schema.org JSON-LD for article pages, so search engines read a story's type,
dates, authors, publisher and corrections the way readers see them.
"""

import json

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles.links import safe_url
from articles.models import Correction, Story
from frontend.canonical import absolute_url, logo_url
from media.pictures import share_images

SCHEMA_TYPES = {
    Story.StoryType.NEWS: "NewsArticle",
    Story.StoryType.ANALYSIS: "AnalysisNewsArticle",
    Story.StoryType.OPINION: "OpinionNewsArticle",
    Story.StoryType.EXPLAINER: "BackgroundNewsArticle",
    Story.StoryType.FEATURE: "ReportageNewsArticle",
    Story.StoryType.INTERVIEW: "ReportageNewsArticle",
    Story.StoryType.REVIEW: "ReviewNewsArticle",
    Story.StoryType.LIVE: "NewsArticle",
}
# Size of static/img/logo.png, as Google asks publishers to state it.
LOGO_WIDTH, LOGO_HEIGHT = 600, 60
CORRECTION_KINDS = {Correction.Kind.CORRECTION, Correction.Kind.CLARIFICATION}

# A JSON string may hold "</script>" or "<!--"; escaping these three characters
# keeps the data inside its <script> element whatever a story contains.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def _moment(value):
    return timezone.localtime(value).isoformat(timespec="seconds")


def publisher(request=None):
    return {
        "@type": "Organization",
        "name": settings.NEWSROOM_SITE_NAME,
        "url": absolute_url(reverse("frontend:home"), request),
        "logo": {
            "@type": "ImageObject",
            "url": logo_url(request),
            "width": LOGO_WIDTH,
            "height": LOGO_HEIGHT,
        },
    }


def story_data(story, request=None, live=None):
    """The JSON-LD document (a dict) for one public story; ``live``, the page's
    ``frontend.live.Coverage`` on a live story, makes it a ``LiveBlogPosting``."""
    url = absolute_url(story.get_absolute_url(), request)
    published = story.first_published_at or story.publish_at
    authors = [
        {
            "@type": "Organization" if author.is_agency else "Person",
            "name": author.name,
            "url": absolute_url(author.get_absolute_url(), request),
        }
        for author in story.ordered_authors()
    ]
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(story.story_type, "NewsArticle"),
        "headline": story.headline,
        "description": story.meta_description,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": _moment(published),
        "dateModified": _moment(story.display_updated_at or published),
        "author": authors or [publisher(request)],
        "publisher": publisher(request),
        "articleSection": story.section.name,
        "keywords": [tag.name for tag in story.tags.all()],
        "wordCount": story.word_count,
        "isAccessibleForFree": True,
        "inLanguage": settings.LANGUAGE_CODE,
    }
    if story.lead_image_id:
        data["image"] = image_objects(story, request)
    if based_on := safe_url(story.canonical_url):
        data["isBasedOn"] = based_on
    corrections = [
        {"@type": "CorrectionComment", "text": note.note, "datePublished": _moment(note.published_at)}
        for note in story.corrections.all()
        if note.kind in CORRECTION_KINDS
    ]
    if corrections:
        data["correction"] = corrections
    if live is not None:
        data.update(live_blog_data(live, url))
    return data


def live_blog_data(live, url):
    """What makes a story a ``LiveBlogPosting``: when its coverage runs, and the updates
    on the page (withdrawn ones are no longer the newsroom's account, so they are left out)."""
    story = live.story
    data = {"@type": "LiveBlogPosting", "coverageStartTime": _moment(story.coverage_started_at)}
    if story.coverage_ended_at:
        data["coverageEndTime"] = _moment(story.coverage_ended_at)
    data["liveBlogUpdate"] = [
        {
            "@type": "BlogPosting",
            "@id": f"{url}#update-{update.pk}",
            "url": f"{url}#update-{update.pk}",
            "headline": update.short_headline,
            "articleBody": update.plain_text(),
            "datePublished": _moment(update.published_at),
            "dateModified": _moment(update.corrected_at or update.published_at),
            **({"author": {"@type": "Person", "name": update.author.name}} if update.author_id else {}),
        }
        for update in live.updates
        if not update.is_withdrawn
    ]
    if live.updates:
        # The same moment as the page's "Updated" line.
        data["dateModified"] = _moment(live.updated_at or story.coverage_started_at)
    return data


def image_objects(story, request=None):
    """The lead image as ImageObjects in 16:9, 4:3 and 1:1, as Google asks of news articles."""
    image = story.lead_image
    described = {
        "caption": story.lead_caption,
        "creditText": image.credit,
        "copyrightNotice": image.usage_notes,
    }
    return [
        {
            "@type": "ImageObject",
            "url": absolute_url(found["url"], request),
            "width": found["width"],
            "height": found["height"],
            **{key: value for key, value in described.items() if value},
        }
        for found in share_images(image)
    ]


def json_ld_script(data):
    """A <script type="application/ld+json"> element that no data can break out of."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')
