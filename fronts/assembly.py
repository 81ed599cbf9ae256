"""What a front shows readers right now, from its arrangement.

The visibility rule is the content core's, applied in the query
(``Story.objects.published()``): a story unpublished, embargoed or withdrawn
drops out of every front on the next render, with nothing to wait for. Each
story appears once per front; zones take their slots in order, then fill
their empty places with the latest public stories (of the section, on a
section front). On the home page the automatic "latest" zone shows each desk's
newest stories.

The number of queries does not depend on how many slots or stories there are:
the slots' stories (with bylines), their replacement pictures, and the
candidates for the empty places (one query over every desk) are fetched once each.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from articles.models import Section, Story
from articles.unions import union_of_slices
from fronts.models import Zone
from media.models import Image

# A front no editor has arranged (or published) yet.
DEFAULT_HOME = {
    "zones": [
        {"kind": Zone.Kind.LEAD, "title": "", "size": 1, "slots": []},
        {"kind": Zone.Kind.TOP, "title": "", "size": 4, "slots": []},
        {"kind": Zone.Kind.LATEST, "title": "", "size": 4, "slots": []},
    ]
}
DEFAULT_SECTION = {
    "zones": [
        {"kind": Zone.Kind.LEAD, "title": "", "size": 1, "slots": []},
        {"kind": Zone.Kind.TOP, "title": "", "size": 4, "slots": []},
    ]
}


@dataclass
class Card:
    """A story as a front shows it, with the slot's replacements when it has any."""

    story: Story
    headline: str = ""
    standfirst: str = ""
    image: Image | None = None

    def __post_init__(self):
        self.headline = self.headline or self.story.headline
        self.standfirst = self.standfirst or self.story.summary
        self.image = self.image or self.story.lead_image


@dataclass
class ShownZone:
    kind: str
    title: str
    cards: list
    desk: Section | None = None


@dataclass
class ShownFront:
    zones: list
    # Every story placed in a slot, shown or not: the page must refresh when one is released.
    placed: set = field(default_factory=set)
    # When a slot's schedule next changes what the front shows, if it ever does.
    changes_at: datetime | None = None

    @property
    def shown(self):
        return {card.story.pk for zone in self.zones for card in zone.cards}


def show(layout, *, section=None, now=None):
    """What ``layout`` (``Front.published`` or a draft) shows readers at ``now``."""
    now = now or timezone.now()
    layout = layout or (DEFAULT_SECTION if section else DEFAULT_HOME)
    zones = layout["zones"]
    slots, changes_at = _scheduled(zones, now)
    placed = {slot["story"] for zone in zones for slot in zone["slots"]}
    wanted = {slot["story"] for showing in slots.values() for slot in showing}
    stories = Story.objects.published(now).with_card_data()
    curated = {story.pk: story for story in stories.filter(pk__in=wanted)} if wanted else {}
    image_pks = {slot["image"] for showing in slots.values() for slot in showing if slot["image"]}
    images = Image.objects.in_bulk(image_pks) if image_pks else {}

    filled = [zone for zone in zones if zone["kind"] != Zone.Kind.LATEST]
    places = sum(zone["size"] for zone in filled)
    latest = next((zone for zone in zones if zone["kind"] == Zone.Kind.LATEST), None)
    desks, candidates = _candidates(section, places + len(curated), latest, now)

    used, shown = set(), []
    pool = [story for story in candidates if story.pk not in curated]
    for index, zone in enumerate(zones):
        if zone["kind"] == Zone.Kind.LATEST:
            continue
        cards = []
        for slot in slots[index]:
            story = curated.get(slot["story"])
            if story is None or story.pk in used or len(cards) >= zone["size"]:
                continue
            used.add(story.pk)
            cards.append(Card(story, slot["headline"], slot["standfirst"], images.get(slot["image"])))
        while len(cards) < zone["size"] and pool:
            story = pool.pop(0)
            if story.pk not in used:
                used.add(story.pk)
                cards.append(Card(story))
        shown.append((index, ShownZone(zone["kind"], zone["title"], cards)))
    if latest is not None and section is None:
        at = zones.index(latest)
        by_desk = {}
        for story in pool:
            if story.pk not in used:
                by_desk.setdefault(story.section.parent_id or story.section_id, []).append(Card(story))
        desk_zones = [
            ShownZone(Zone.Kind.LATEST, desk.name, by_desk[desk.pk][: latest["size"]], desk)
            for desk in desks
            if desk.pk in by_desk
        ]
        shown.extend((at, zone) for zone in desk_zones)
    shown.sort(key=lambda pair: pair[0])
    return ShownFront([zone for _, zone in shown if zone.cards], placed, changes_at)


def _scheduled(zones, now):
    """Each zone's slots showing at ``now``, and the next moment a schedule changes that."""
    showing, moments = {}, []
    for index, zone in enumerate(zones):
        showing[index] = []
        for slot in zone["slots"]:
            start = datetime.fromisoformat(slot["from"]) if slot["from"] else None
            end = datetime.fromisoformat(slot["until"]) if slot["until"] else None
            moments += [moment for moment in (start, end) if moment and moment > now]
            if (start is None or start <= now) and (end is None or end > now):
                showing[index].append(slot)
    return showing, min(moments, default=None)


def _candidates(section, wanted, latest, now):
    """The newest public stories the empty places may take, newest first, and the desks.

    On the home page every story is among its own desk's newest, so taking
    ``wanted`` (plus the "latest" zone's size) from each desk, in one query,
    holds everything the front can use."""
    newest = Story.objects.published(now).latest_first()
    stories = newest.with_card_data()
    if section is not None:
        return [], list(stories.in_section(section)[:wanted]) if wanted else []
    desks = list(Section.objects.top_level().prefetch_related("children"))
    per_desk = wanted + (latest["size"] if latest else 0)
    if not desks or not per_desk:
        return desks, []
    ids = newest.values("pk")
    slices = [ids.filter(section__in=[desk, *desk.children.all()])[:per_desk] for desk in desks]
    return desks, list(stories.filter(pk__in=union_of_slices(slices)))
