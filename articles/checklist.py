"""The publish checklist: what a story needs before readers may see it.

The workflow's publish and schedule actions run it (articles/workflow.py), so
every door (the admin's buttons, bulk actions, ``import_stories --publish``,
the demo loader) meets the same rules; the story editor shows the same
checklist in its side panel as the editor types.

Each item either blocks publishing, only warns, or is off, as
``NEWSROOM_PUBLISH_CHECKLIST`` says (read when the checklist runs, so
``override_settings`` and the environment both reach it). Wire copy often
arrives without a standfirst or a byline line (the plain-text format's is
optional), so those two only warn by default; a newsroom that wants them
required says ``byline=block,standfirst=block``.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import timezone

from articles.sanitise import sanitised_text

BLOCK, WARN, OFF = "block", "warn", "off"
LEVELS = (BLOCK, WARN, OFF)

DEFAULTS = {
    "headline": BLOCK,
    "body": BLOCK,
    "internal_links": BLOCK,
    "byline": WARN,
    "standfirst": WARN,
    "seo_headline": WARN,
}
LABELS = {
    "headline": "Headline fits the front page",
    "body": "Body written",
    "byline": "Byline or credit",
    "internal_links": "Links go to public stories",
    "standfirst": "Standfirst written",
    "seo_headline": "Headline fits search results",
}
# Characters a headline may have on a front-page card, and in a search result
# (where an SEO title, when set, is shown instead).
FRONT_LIMIT = 90
SEO_LIMIT = 60

_HREF = re.compile(r"""<a\s[^>]*?href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


class ChecklistSettingError(ValueError):
    pass


@dataclass
class Item:
    key: str
    label: str
    passed: bool
    level: str  # BLOCK or WARN
    problem: str = ""  # what is wrong, when it did not pass

    @property
    def blocks(self):
        return not self.passed and self.level == BLOCK

    @property
    def warns(self):
        return not self.passed and self.level == WARN


@dataclass
class Facts:
    """What a check needs beyond the story's own fields.

    For a saved story these are read from its rows; a door that has the rows
    in hand (a form being typed, a batch import before its rows exist) passes them.
    """

    authors: int = 0
    link_targets: list = field(default_factory=list)  # ids of stories of ours the story links to


@dataclass
class Result:
    items: list

    @property
    def blocking(self):
        return [item for item in self.items if item.blocks]

    @property
    def warnings(self):
        return [item for item in self.items if item.warns]

    @property
    def may_publish(self):
        return not self.blocking

    def as_json(self):
        return {
            "may_publish": self.may_publish,
            "items": [
                {"key": i.key, "label": i.label, "passed": i.passed, "level": i.level, "problem": i.problem}
                for i in self.items
            ],
        }


def levels():
    """{check: level}: the defaults, overridden by ``NEWSROOM_PUBLISH_CHECKLIST``."""
    configured = getattr(settings, "NEWSROOM_PUBLISH_CHECKLIST", None) or {}
    unknown = set(configured) - set(DEFAULTS)
    wrong = {key: level for key, level in configured.items() if level not in LEVELS}
    if unknown or wrong:
        raise ChecklistSettingError(
            f"NEWSROOM_PUBLISH_CHECKLIST: checks are {', '.join(DEFAULTS)} and levels "
            f"{', '.join(LEVELS)}; got unknown checks {sorted(unknown)} and levels {wrong}."
        )
    return {**DEFAULTS, **configured}


def facts_of(story):
    """The rows a saved story has; an unsaved one has none yet."""
    if story.pk is None:
        return Facts()
    return Facts(
        authors=story.bylines.count(),
        link_targets=list(story.related_links.exclude(target=None).values_list("target_id", flat=True)),
    )


def run(story, facts=None, *, nameable=None):
    """The checklist for ``story`` (saved or not) as it stands.

    ``nameable``: the stories whose headlines the reader of the result may see
    (articles.permissions); a broken link to any other is named only as such.
    """
    from articles.models import Story

    facts = facts_of(story) if facts is None else facts
    chosen = {key: level for key, level in levels().items() if level != OFF}
    headline = " ".join((story.headline or "").split())
    checks = {
        "headline": (
            headline and len(headline) <= FRONT_LIMIT,
            "The story has no headline."
            if not headline
            else f"The headline is {len(headline)} characters; a front page shows at most {FRONT_LIMIT}.",
        ),
        "body": (bool(sanitised_text(story.body or "").strip()), "The story has no body."),
        "byline": (
            bool(facts.authors or (story.credit_line or "").strip()),
            "The story has no byline or credit line.",
        ),
        "standfirst": (bool((story.dek or "").strip()), "The story has no standfirst."),
        "seo_headline": (
            len(story.seo_title or headline) <= SEO_LIMIT,
            f"Search results cut the headline after {SEO_LIMIT} characters; set a shorter SEO title.",
        ),
    }
    if "internal_links" in chosen:
        linked = [*facts.link_targets, *_linked_story_ids(story.body or "")]
        broken = _not_public(story, Story, linked, nameable)
        checks["internal_links"] = (
            not broken,
            "Links go to stories readers cannot see: " + "; ".join(f"“{h}”" for h in broken) + ".",
        )
    return Result(
        items=[
            Item(key=key, label=LABELS[key], passed=bool(checks[key][0]), level=level,
                 problem="" if checks[key][0] else checks[key][1])
            for key, level in chosen.items()
        ]
    )  # fmt: skip


def _linked_story_ids(body):
    """Ids of our stories the body links to by their address (on this site or its public origin)."""
    from articles.models import Story

    site = (getattr(settings, "NEWSROOM_SITE_URL", "") or "").rstrip("/")
    slugs = []
    for href in _HREF.findall(body):
        path = href[len(site) :] if site and href.startswith(site) else href
        if not path.startswith("/") or path.startswith("//"):
            continue
        try:
            match = resolve(path.split("?")[0].split("#")[0])
        except Resolver404:
            continue
        if match.url_name == "story" and "slug" in match.kwargs:
            slugs.append(match.kwargs["slug"])
    if not slugs:
        return []
    return list(Story.objects.filter(slug__in=slugs).values_list("pk", flat=True))


def _not_public(story, Story, ids, nameable=None):
    ids = [pk for pk in dict.fromkeys(ids) if pk and pk != story.pk]
    if not ids:
        return []
    public = set(Story.objects.published(timezone.now()).filter(pk__in=ids).values_list("pk", flat=True))
    hidden = Story.objects.filter(pk__in=set(ids) - public)
    named = hidden if nameable is None else hidden.filter(pk__in=nameable.values("pk"))
    headlines = list(named.values_list("headline", flat=True))
    unnamed = hidden.count() - len(headlines)
    return headlines + ["a story you may not see"] * unnamed
