"""The admin home's panels for each role, with real counts and links to the lists.

Editors see what needs them: stories waiting for review, what goes out next and when,
embargoes about to lift, what went out, wire updates held for a decision and the
stories corrected today. Reporters see their own work and where it stands: drafts
(with an editor's note when one was sent back), what they submitted, and what of
theirs is live, with how much is live on the site, since the admin lists only their own.
"""

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import Count, Max, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from articles.dates import moment, start_of_day
from articles.models import Story, StoryTransition, published_q
from articles.permissions import policy
from wire.models import HeldUpdate

ROWS = 8


@dataclass
class Row:
    story: Story
    note: str  # when, and what happened: "lifts Tue 1 Dec, 13:13"


@dataclass
class Panel:
    key: str
    title: str
    count: int
    rows: list
    empty: str
    more_url: str = ""
    attention: bool = False
    lead: str = ""  # a sentence above the list


def _list_url(**query):
    return reverse("admin:articles_story_changelist") + ("?" + urlencode(query) if query else "")


def _panel(key, title, stories, note, empty, *, count, more_url="", attention=False, lead=""):
    shown = list(stories[:ROWS])
    return Panel(
        key, title, count, [Row(story, note(story)) for story in shown], empty, more_url, attention, lead
    )


def _counts(stories, **conditions):
    """{name: how many of ``stories`` meet the condition}, in one query."""
    return stories.aggregate(**{name: Count("pk", filter=q) for name, q in conditions.items()})


def panels_for(user, now=None):
    now = now or timezone.now()
    if policy.is_editor(user):
        return editor_panels(user, now)
    return reporter_panels(user, now)


def editor_panels(user, now):
    stories = policy.visible_stories(user).select_related("section")
    published = Q(status=Story.Status.PUBLISHED)
    count = _counts(
        stories,
        review=Q(status=Story.Status.IN_REVIEW),
        scheduled=published & Q(publish_at__gt=now),
        embargoes=published & Q(embargo_until__gt=now),
        recent=published_q(now),
        drafts=Q(created_by=user, status=Story.Status.DRAFT),
    )
    return [
        _panel(
            "review",
            "Waiting for review",
            stories.filter(status=Story.Status.IN_REVIEW).order_by("modified_at"),
            lambda s: f"submitted {moment(s.modified_at)}",
            "Nothing waits for review.",
            count=count["review"],
            more_url=_list_url(queue="review"),
            attention=True,
        ),
        _panel(
            "scheduled",
            "Scheduled next",
            stories.scheduled(now).order_by("publish_at"),
            lambda s: f"goes out {moment(s.publish_at)}",
            "Nothing is scheduled.",
            count=count["scheduled"],
            more_url=_list_url(queue="scheduled"),
            attention=True,
        ),
        _panel(
            "embargoes",
            "Embargoes lifting",
            stories.embargoed(now).order_by("embargo_until"),
            lambda s: f"lifts {moment(s.embargo_until)}",
            "No embargoes.",
            count=count["embargoes"],
            more_url=_list_url(publication="embargoed"),
        ),
        _panel(
            "recent",
            "Recently published",
            stories.published(now).latest_first(),
            lambda s: f"published {moment(s.publish_at)}",
            "Nothing published yet.",
            count=count["recent"],
            more_url=_list_url(queue="live"),
        ),
        _wire_panel(stories),
        _corrections_panel(stories, now),
        _panel(
            "drafts",
            "My drafts",
            _own_drafts(stories, user),
            lambda s: f"edited {moment(s.modified_at)}",
            "No drafts of yours.",
            count=count["drafts"],
            more_url=_list_url(queue="mine", status=Story.Status.DRAFT),
        ),
    ]


def _wire_panel(stories):
    held = (
        HeldUpdate.objects.filter(story__in=stories).select_related("story__section").order_by("received_at")
    )
    try:
        more_url = reverse("admin:wire_desk")
    except NoReverseMatch:
        more_url = ""
    return Panel(
        "wire",
        "Wire updates waiting",
        held.count(),
        [
            Row(update.story, f"version {update.version or '?'} arrived {moment(update.received_at)}")
            for update in held[:ROWS]
        ],
        "No wire updates wait for a decision.",
        more_url,
        lead="Newer wire versions of stories the desk had changed: open a story to compare and apply.",
    )


def _corrections_panel(stories, now):
    today = start_of_day(timezone.localdate(now))
    corrected = (
        stories.filter(
            corrections__published_at__gte=today, corrections__published_at__lt=today + timedelta(days=1)
        )
        .annotate(corrected_at=Max("corrections__published_at"))
        .order_by("-corrected_at")
    )
    return _panel(
        "corrections",
        "Corrections today",
        corrected,
        lambda s: f"corrected {moment(s.corrected_at)}",
        "No corrections today.",
        count=corrected.count(),
    )


def _own_drafts(stories, user):
    return stories.filter(created_by=user, status=Story.Status.DRAFT).order_by("-modified_at")


def reporter_panels(user, now):
    mine = policy.visible_stories(user).filter(created_by=user).select_related("section")
    drafts = _own_drafts(mine, user)
    sent_back = dict(
        StoryTransition.objects.filter(story__in=drafts, action="send_back")
        .order_by("at")
        .values_list("story_id", "note")
    )
    submitted = ~Q(status=Story.Status.DRAFT) & ~published_q(now)
    count = _counts(
        mine, drafts=Q(status=Story.Status.DRAFT), submitted=submitted, published=published_q(now)
    )
    live_on_site = Story.objects.published(now).count()
    return [
        _panel(
            "drafts",
            "My drafts",
            drafts,
            lambda s: (
                f"sent back: {sent_back[s.pk]}" if s.pk in sent_back else f"edited {moment(s.modified_at)}"
            ),
            "No drafts of yours.",
            count=count["drafts"],
            more_url=_list_url(queue="mine", status=Story.Status.DRAFT),
        ),
        _panel(
            "submitted",
            "Submitted: where it stands",
            mine.filter(submitted).order_by("-modified_at"),
            lambda s: _where_it_stands(s, now),
            "Nothing of yours waits for an editor or a time.",
            count=count["submitted"],
            attention=True,
        ),
        _panel(
            "published",
            "My published stories",
            mine.published(now).latest_first(),
            lambda s: f"published {moment(s.publish_at)}",
            "None of your stories is live yet.",
            count=count["published"],
            more_url=_list_url(queue="live"),
            lead=f"{live_on_site} {'story is' if live_on_site == 1 else 'stories are'} live on the site"
            " in all.",
        ),
    ]


def _where_it_stands(story, now):
    if story.status == Story.Status.IN_REVIEW:
        return f"waiting for an editor since {moment(story.modified_at)}"
    if story.status == Story.Status.PUBLISHED and story.publish_at and story.publish_at > now:
        return f"scheduled for {moment(story.publish_at)}"
    if story.status == Story.Status.PUBLISHED and story.embargo_until and story.embargo_until > now:
        return f"under embargo until {moment(story.embargo_until)}"
    return f"{story.get_status_display().lower()} {moment(story.modified_at)}"
