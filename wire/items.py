"""What every importer produces, and the error it raises on bad input.

An importer turns the bytes of one file into ``ImportedStory`` items. It knows
nothing about the database: saving is ``wire.saving``'s job, so
every format gets the same atomicity, idempotency and dry-run behaviour.
"""

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.text import slugify


class InvalidSource(Exception):
    """The input cannot be imported; the message says why in one line."""


@dataclass
class ImportedLink:
    title: str
    url: str = ""
    outlet: str = ""


@dataclass
class ImportedPicture:
    """A picture an item carries: a file beside the imported file, or a remote address.

    ``href`` is as the item gives it (a file name, a relative path, a URL);
    wire/pictures.py decides what to do with it: a remote one is fetched only from
    the hosts the settings name.
    """

    href: str
    caption: str = ""
    credit: str = ""
    alt_text: str = ""
    title: str = ""


@dataclass(frozen=True)
class ImportedSection:
    """A section an item says it belongs to.

    ``slug`` is given only by exports of a newsroom like ours (``export_stories``);
    such a section is created when missing, with its ``parent``. A bare name, as
    wire services send, is only matched against the sections we already have, so
    a provider's desk names never leak into the site's navigation.
    """

    name: str
    slug: str = ""
    parent: "ImportedSection | None" = None

    def __str__(self):
        return f"{self.parent}/{self.slug or self.name}" if self.parent else (self.slug or self.name)


class NothingToPublish(InvalidSource):
    """The item is not meant for readers (an advisory, an advertisement, a picture):
    it is skipped with this reason, and the run does not fail because of it."""


@dataclass
class SkippedItem:
    """An item read and deliberately left out; ``reason`` says why in one line."""

    label: str
    reason: str
    headline: str = ""
    # Reported like a story's: a skipped item brings no pictures in.
    picture_notes: list[str] = field(default_factory=list)


@dataclass
class InvalidItem:
    """One item of a file that cannot be imported, while the others can."""

    label: str
    reason: str


@dataclass
class ImportedStory:
    headline: str
    body_html: str
    guid: str
    format: str
    origin: str
    provider: str = ""
    version: str = ""
    dek: str = ""
    authors: list[str] = field(default_factory=list)
    credit_line: str = ""
    # Tried in order against our sections; the first that exists wins.
    sections: list[ImportedSection] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    story_type: str = ""
    publish_at: datetime | None = None
    embargo_until: datetime | None = None
    updated_at: datetime | None = None
    canceled: bool = False
    # Withheld (stat:withheld): taken off the site, like canceled, until a later version releases it.
    withheld: bool = False
    # A correction notice: its text is attached to the story imported as ``corrects`` (a guid).
    correction: bool = False
    corrects: str = ""
    canonical_url: str = ""
    sources: list[str] = field(default_factory=list)
    related: list[ImportedLink] = field(default_factory=list)
    # The first becomes the lead image, the others figures at the end of the body.
    pictures: list[ImportedPicture] = field(default_factory=list)
    # What became of the pictures, for the summary (set when the item is saved).
    picture_notes: list[str] = field(default_factory=list)
    # Identifies the item within its file in messages ("item 3").
    label: str = ""

    def __post_init__(self):
        # Senders often repeat the headline as abstract or subheadline: that is no dek.
        if " ".join(self.dek.split()).lower() == " ".join(self.headline.split()).lower():
            self.dek = ""
        # "Ferries" and "ferries" are one tag (TAGGIT_CASE_INSENSITIVE), and "JANE DOE" and
        # "Jane Doe" one author (by slug): twice in one story would break a unique constraint.
        self.tags = _once(self.tags, key=lambda tag: " ".join(tag.split()).casefold())
        self.authors = _once(self.authors, key=lambda name: slugify(" ".join(name.split())) or name)

    @property
    def checksum(self):
        """A fingerprint of everything that would be saved, to skip unchanged re-imports."""
        parts = [
            self.headline, self.body_html, self.dek, "|".join(self.authors), self.credit_line,
            "|".join(map(str, self.sections)), "|".join(self.tags), self.story_type, str(self.publish_at),
            str(self.embargo_until), str(self.canceled), "|".join(self.sources),
            "|".join(f"{link.title}\t{link.url}\t{link.outlet}" for link in self.related),
            self.canonical_url, str(self.updated_at),
            "|".join(f"{p.href}\t{p.caption}\t{p.credit}\t{p.alt_text}" for p in self.pictures),
        ]  # fmt: skip
        if self.withheld or self.correction:  # only then, so earlier records' checksums stay valid
            parts += [str(self.withheld), str(self.correction), self.corrects]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def item_to_json(item):
    """``item`` as JSON-ready data, to keep it in the database (wire.models.HeldUpdate)."""
    data = dataclasses.asdict(item)
    for name in _TIMES:
        data[name] = data[name] and data[name].isoformat()
    return data


def item_from_json(data):
    """The ``ImportedStory`` that ``item_to_json`` was given."""

    def section(value):
        return value and ImportedSection(value["name"], value["slug"], section(value["parent"]))

    values = {**data, "sections": [section(value) for value in data["sections"]]}
    values["related"] = [ImportedLink(**link) for link in data["related"]]
    values["pictures"] = [ImportedPicture(**picture) for picture in data.get("pictures", [])]
    for name in _TIMES:
        values[name] = values[name] and datetime.fromisoformat(values[name])
    return ImportedStory(**values)


_TIMES = ["publish_at", "embargo_until", "updated_at"]


def _once(values, *, key):
    seen, kept = set(), []
    for value in values:
        if value.strip() and key(value) not in seen:
            seen.add(key(value))
            kept.append(value)
    return kept


# Item kinds that carry nothing for readers (media, editors' notes): skipped, not failed.
MEDIA_KINDS = {"picture", "photo", "image", "graphic", "video", "audio", "advertisement", "ad",
               "advisory", "planning", "planningitem"}  # fmt: skip


def not_a_story(kind):
    """The refusal of an item of another kind ("an advisory item", "a picture item").

    Pictures, graphics, video and audio are left out deliberately (``NothingToPublish``):
    they are not failures of the run."""
    article = "an" if str(kind)[:1].lower() in "aeiou" else "a"
    error = NothingToPublish if str(kind).lower() in MEDIA_KINDS else InvalidSource
    return error(f"{article} {kind} item, not a story (only text items are imported)")


def parse_each(elements, parse_one, *, noun="item", always_label=False, name_of=lambda element: ""):
    """``parse_one(element, label)`` for each element, an ``InvalidItem`` in place of each that fails.

    Items are labelled "item 2" in messages when a file holds several; a
    file's only item is named by ``name_of`` (its guid) when it fails.
    """
    many = always_label or len(elements) > 1
    items = []
    for index, element in enumerate(elements, start=1):
        label = f"{noun} {index}" if many else ""
        try:
            items.append(parse_one(element, label))
        except NothingToPublish as skipped:
            items.append(SkippedItem(label or name_of(element) or f"{noun} 1", str(skipped)))
        except InvalidSource as error:
            items.append(InvalidItem(label or name_of(element) or f"{noun} 1", str(error)))
    return items


class Importer:
    """One input format. Subclasses set ``name`` and ``extensions`` and implement ``parse``."""

    name = ""
    extensions: tuple[str, ...] = ()

    def sniff(self, data: bytes) -> bool:
        """Whether ``data`` looks like this format (used by ``--format auto``)."""
        return False

    def parse(self, data: bytes, origin: str) -> list[ImportedStory | InvalidItem | SkippedItem]:
        """The items of one file, in order.

        Raise ``InvalidSource`` when the file as a whole cannot be read; return an
        ``InvalidItem`` in place of one bad item so that the others still import.
        """
        raise NotImplementedError
