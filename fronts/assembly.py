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

from articles import compiled
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
    """What ``layout`` (``Front.published`` or a draft) shows readers at ``now``.

    Decided on ids first (the slots, and the newest public stories as
    candidates for the empty places); then only the stories shown are loaded
    with what their cards need: most candidates are never shown, and a story
    with its bylines is dear to load."""
    now = now or timezone.now()
    layout = layout or (DEFAULT_SECTION if section else DEFAULT_HOME)
    zones = layout["zones"]
    slots, changes_at = _scheduled(zones, now)
    placed = {slot["story"] for zone in zones for slot in zone["slots"]}
    wanted = {slot["story"] for showing in slots.values() for slot in showing}
    image_pks = {slot["image"] for showing in slots.values() for slot in showing if slot["image"]}
    images = Image.objects.in_bulk(image_pks) if image_pks else {}

    places = sum(zone["size"] for zone in zones if zone["kind"] != Zone.Kind.LATEST)
    latest = next((zone for zone in zones if zone["kind"] == Zone.Kind.LATEST), None)
    desks, candidates = _candidates(section, places + len(wanted), latest, wanted, now)
    picks, leftovers = _fill_zones(zones, slots, candidates, wanted)
    desk_picks = []
    if latest is not None and section is None:
        desk_picks = _latest_by_desk(desks, leftovers, latest["size"])

    shown_pks = {pk for _, _, cards in picks for pk, _ in cards} | {pk for _, pks in desk_picks for pk in pks}
    loaded = Story.objects.published(now).with_card_data().in_bulk(shown_pks) if shown_pks else {}
    shown = [
        (
            index,
            ShownZone(
                zone["kind"],
                zone["title"],
                [_card(loaded[pk], slot, images) for pk, slot in cards if pk in loaded],
            ),
        )
        for index, zone, cards in picks
    ]
    if desk_picks:
        at = zones.index(latest)
        for desk, pks in desk_picks:
            cards = [Card(loaded[pk]) for pk in pks if pk in loaded]
            shown.append((at, ShownZone(Zone.Kind.LATEST, desk.name, cards, desk)))
    shown.sort(key=lambda pair: pair[0])
    return ShownFront([zone for _, zone in shown if zone.cards], placed, changes_at)


def _fill_zones(zones, slots, candidates, wanted):
    """Each zone's (story id, slot or None) in order, and the candidates left over.

    Slots come first, in order, when their story is public (among ``candidates``);
    the empty places take the newest candidates; no story appears twice."""
    public_slots = {candidate.pk for candidate in candidates if candidate.pk in wanted}
    pool = [candidate for candidate in candidates if candidate.pk not in public_slots]
    used, picks = set(), []
    for index, zone in enumerate(zones):
        if zone["kind"] == Zone.Kind.LATEST:
            continue
        cards = []
        for slot in slots[index]:
            pk = slot["story"]
            if pk in public_slots and pk not in used and len(cards) < zone["size"]:
                used.add(pk)
                cards.append((pk, slot))
        while len(cards) < zone["size"] and pool:
            candidate = pool.pop(0)
            if candidate.pk not in used:
                used.add(candidate.pk)
                cards.append((candidate.pk, None))
        picks.append((index, zone, cards))
    return picks, [candidate for candidate in pool if candidate.pk not in used]


def _latest_by_desk(desks, candidates, size):
    """The "latest" zone on the home page: each desk's newest ``size`` of ``candidates``."""
    by_desk = {}
    for candidate in candidates:
        by_desk.setdefault(candidate.desk_id, []).append(candidate.pk)
    return [(desk, by_desk[desk.pk][:size]) for desk in desks if desk.pk in by_desk]


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


def _card(story, slot, images):
    if slot is None:
        return Card(story)
    return Card(story, slot["headline"], slot["standfirst"], images.get(slot["image"]))


@dataclass(frozen=True)
class Candidate:
    """A public story that may fill an empty place: its id and its desk, nothing to render yet."""

    pk: int
    desk_id: int


def _candidates(section, count, latest, placed, now):
    """The public stories a front may show, newest first, and the desks.

    The candidates for the empty places (``count`` of the newest, of each desk on
    the home page: every story is among its own desk's newest, so that holds
    everything the front can use, plus the "latest" zone's size) and those of
    the ``placed`` stories that are public, all in one query, compiled once per
    process for each shape of front (articles/compiled.py)."""
    desks = [] if section is not None else list(Section.objects.top_level().prefetch_related("children"))
    if (not count and not placed) or (section is None and not desks and not placed):
        return desks, []
    per_desk = count + (latest["size"] if latest else 0)
    families = tuple((desk.pk, *(child.pk for child in desk.children.all())) for desk in desks)
    placed = tuple(sorted(placed))
    shape = ("front candidates", section.pk if section else None, families, count, per_desk, placed)
    rows = compiled.rows_at(
        now, shape, lambda moment: _candidates_query(section, families, count, per_desk, placed, moment)
    )
    return desks, [Candidate(pk, parent_id or section_id) for pk, section_id, parent_id in rows]


def _candidates_query(section, families, count, per_desk, placed, now):
    newest = Story.objects.published(now).latest_first()
    ids = newest.values("pk")
    slices = [ids.filter(pk__in=placed)[: len(placed)]] if placed else []
    if section is not None:
        slices.append(ids.in_section(section)[:count])
    else:
        slices += [ids.filter(section__in=family)[:per_desk] for family in families]
    chosen = newest.filter(pk__in=union_of_slices(slices))
    return chosen.values_list("pk", "section_id", "section__parent_id")
