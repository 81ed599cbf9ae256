"""The parts of an article page that show the story itself, kept in the shared cache.

Why: a page is rendered again whenever anything it shows changes, and on an
article most of what can change is not the story: a story on its "More on
this" list is edited, a section is renamed, the banner goes up. Yet the
story's own parts (its header, picture and body, its sources, topics and
related links, its share tags and structured data) took most of the render:
five queries for its bylines, topics, corrections, sources and links, and
the templates around its body. Kept on their own, a page rendered again for
another reason reads the story, its "More on this" and the cache.

How they stay right: exactly as whole pages do (``frontend/caching.py``).
While the parts render, the keys of what they load are recorded; the parts
are kept with those keys and the moment their render started, and served
only while none of those keys was bumped since (the generation unmoved, or
the bump log or the keys' versions vouching). The page being rendered is
given the same keys either way, so the page cache forgets it when a part
changes. Not kept: the parts of live coverage (they change by the minute and
by page), and parts that loaded a story not public yet or something that
changes by itself at a set time (``cache_keys.WAITING_PREFIX`` and
``UNTIL_PREFIX``): their lifetime would have to be bounded, and they are
rare. A release that changes their markup is seen within
``NEWSROOM_ARTICLE_PARTS_SECONDS`` (an hour, as article pages), at once if
it raises ``FORMAT``.
"""

import hashlib

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles.models import article_relations
from frontend import cache_keys, caching
from frontend.canonical import absolute_url
from frontend.safe_cache import page_cache
from frontend.templatetags.discovery import canonical_url
from media.models import Image

PARTS = {
    "social": "frontend/story/social.html",
    "body": "frontend/story/body.html",
    "footer": "frontend/story/footer.html",
}
PREFIX = "newsroom:article-parts:"
# Raised by a release whose parts differ in shape, so that none kept before is served.
FORMAT = 1
# Keys every page carries that the story's own parts do not show.
NOT_SHOWN = {cache_keys.SECTIONS, cache_keys.BREAKING}


def article_parts(request, story, coverage):
    """``{part: html}`` for ``story`` (published, loaded with its section) as ``request`` shows it."""
    seconds = settings.NEWSROOM_ARTICLE_PARTS_SECONDS  # forgotten by their keys; this only makes room
    if coverage is not None or not seconds:
        return shown_afresh(request, with_relations(story), coverage)
    key = PREFIX + _digest(request, story)
    found = page_cache.get_many([key, caching.GENERATION_KEY]) or {}
    entry, current = found.get(key), found.get(caching.GENERATION_KEY)
    if entry is not None and _still_right(entry, current):
        cache_keys.record(entry["keys"])
        return _marked_safe(entry["parts"])

    moment = caching.render_moment()
    # Read before the database is: the one read with the entry, unless the cache had none.
    checked_under = (current or caching.generation()) if moment is not None else None
    with cache_keys.recording() as keys:
        # The story's row, section and picture were loaded before: their keys are the parts' too.
        keys |= cache_keys.keys_of(story, story.section, story.section.parent, story.lead_image)
        parts = _render(request, with_relations(story), None)
    keys -= NOT_SHOWN
    cache_keys.record(keys)
    if moment is not None and checked_under is not None and not _bounded_in_time(keys):
        caching.give_versions(keys, moment)
        kept = {"parts": parts, "keys": sorted(keys), "moment": moment, "generation": checked_under}
        page_cache.set(key, kept, seconds)
    return _marked_safe(parts)


def with_relations(story):
    """``story`` with everything its parts show loaded onto it (``article_relations()``)."""
    prefetch_related_objects([story], *article_relations())
    return story


def shown_afresh(request, story, coverage):
    """The parts of ``story`` as loaded, rendered now and not kept: live coverage, a preview."""
    return _marked_safe(_render(request, story, coverage))


def _marked_safe(parts):
    """Rendered (or stored) parts, as templates output them: already escaped."""
    return {name: mark_safe(html) for name, html in parts.items()}


def page_url(request, story, coverage):
    """The page's address in its share tags: a live story's page of updates, else the story's own
    (a page number or any other parameter on an article changes nothing it shows)."""
    if coverage is not None:
        return canonical_url({"request": request})
    return absolute_url(story.get_absolute_url(), request)


def _render(request, story, coverage):
    context = {
        "request": request,
        "page_url": page_url(request, story, coverage),
        "story": story,
        "pictures": Image.objects.shown_by(story),
        "live": coverage,
        "site_name": settings.NEWSROOM_SITE_NAME,
    }
    return {name: str(get_template(template).render(context)) for name, template in PARTS.items()}


def _still_right(entry, current):
    if current is None:
        return False  # the cache cannot say
    if current == entry["generation"]:
        return True
    return bool(caching.current_under(current, entry["keys"], entry["moment"]))


def _bounded_in_time(keys):
    return any(key.startswith((cache_keys.WAITING_PREFIX, cache_keys.UNTIL_PREFIX)) for key in keys)


def _digest(request, story):
    """The story and what its parts take from the request: the site's address."""
    shown = (
        FORMAT,
        story.pk,
        page_url(request, story, None),
        timezone.get_current_timezone_name(),
        settings.NEWSROOM_SITE_NAME,
    )
    return hashlib.blake2b(repr(shown).encode(), digest_size=20).hexdigest()
