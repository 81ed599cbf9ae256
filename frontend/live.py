"""Live coverage on the reader site: the updates a live story's page shows, and
the small endpoint its script polls for new ones (static/js/live.js).

Both start from ``Story.objects.published()``: a draft's or an embargoed
story's updates are never served. The endpoint is one of the public pages
(frontend/urls.py), so it goes through the page cache and the CDN like the
story page, carries the same ``story:<pk>`` key, and is forgotten with it
when an update is added, corrected or withdrawn. It takes no query string:
every reader polls the same address, so one cached copy answers them all.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from articles.models import Story

# Updates on one page of the story; older ones are on further pages (?updates=2).
UPDATES_PER_PAGE = 50
KEY_EVENTS_SHOWN = 10
# What the endpoint sends: enough for a reader who was away a while; more, and the page reloads.
UPDATES_POLLED = 20
PAGE_PARAMETER = "updates"


@dataclass
class Coverage:
    story: Story
    updates: list
    key_events: list
    page: int
    has_older: bool
    poll_url: str | None

    @property
    def older_url(self):
        return f"?{PAGE_PARAMETER}={self.page + 1}" if self.has_older else None

    @property
    def newer_url(self):
        if self.page <= 1:
            return None
        return f"?{PAGE_PARAMETER}={self.page - 1}" if self.page > 2 else self.story.get_absolute_url()

    @property
    def poll_seconds(self):
        return settings.NEWSROOM_LIVE_POLL_SECONDS

    @property
    def updated_at(self):
        """The story's "Updated" time: its own edits or its newest update (a correction
        counts), whichever is later; ``None`` until something changed after publication.

        Read from the updates on the page, which on the first page are the newest;
        a further page keeps the story's own time rather than spend a query on it."""
        moments = [self.story.display_updated_at]
        if self.page == 1:
            moments += [update.corrected_at or update.published_at for update in self.updates]
        latest = max(filter(None, moments), default=None)
        published = self.story.publish_at  # None for a draft seen in the preview
        return latest if latest and published and latest > published else None


def page_number(request):
    """The page of updates asked for: 1 unless the query says a whole number above it."""
    value = request.GET.get(PAGE_PARAMETER, "")
    return int(value) if value.isascii() and value.isdigit() and 0 < len(value) < 6 else 1


def coverage_for(story, page=1, *, polled=True):
    """What a live story's page shows, in two queries however many updates it has
    (the page's updates with their pictures and authors; the key events). ``None``
    for a story that is not live coverage; ``Http404`` for a page past the last."""
    if not story.is_live_coverage:
        return None
    start = (page - 1) * UPDATES_PER_PAGE
    updates = list(story.live_updates.for_readers().newest_first()[start : start + UPDATES_PER_PAGE + 1])
    if page > 1 and not updates:
        raise Http404("No such page of updates.")
    key_events = list(
        story.live_updates.key_events()
        .newest_first()
        .only("pk", "story_id", "headline", "body", "published_at")[:KEY_EVENTS_SHOWN]
    )
    shown = {update.pk for update in updates[:UPDATES_PER_PAGE]}
    for event in key_events:
        event.is_on_page = event.pk in shown
    return Coverage(
        story=story,
        updates=updates[:UPDATES_PER_PAGE],
        key_events=key_events,
        page=page,
        has_older=len(updates) > UPDATES_PER_PAGE,
        # Only the first page follows the coverage as it goes on.
        poll_url=updates_url(story) if polled and page == 1 and story.coverage_is_open else None,
    )


def updates_url(story):
    return story.get_absolute_url() + "updates.json"


@require_safe
def updates(request, section, year, month, day, slug):
    """The newest updates of a public live story as JSON, each with its markup as the page shows it."""
    story = Story.objects.published().filter(slug=slug, story_type=Story.StoryType.LIVE).first()
    if story is None or updates_url(story) != request.path:
        raise Http404("No live story here.")
    # The same updates and key events as the newest page shows, so the key events'
    # links point at updates that page has.
    coverage = coverage_for(story)
    return JsonResponse(
        {
            "open": story.coverage_is_open,
            "updates": [
                {
                    "id": update.pk,
                    # Seconds since the epoch, as the page's data-published and data-changed say them.
                    "published": int(update.published_at.timestamp()),
                    "changed": int((update.corrected_at or update.published_at).timestamp()),
                    "html": render_to_string("frontend/live/update.html", {"update": update}, request),
                }
                for update in coverage.updates[:UPDATES_POLLED]
            ],
            "key_events": render_to_string(
                "frontend/live/key_events.html", {"key_events": coverage.key_events}, request
            ),
        }
    )
