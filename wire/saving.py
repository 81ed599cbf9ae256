"""Saving imported items: one transaction per item, idempotent, with a dry run.

The same item imported twice changes nothing; a newer version updates its
story (unless the desk changed it, below) and keeps a revision of what it
replaced; an older version is skipped; a canceled item withdraws the story.
Whatever goes wrong with one item rolls back that item only, and the caller
reports it and carries on.

A newer version never silently replaces the desk's work. Each import record
keeps the fingerprint of the story as that import left it (words, placement,
bylines, sources, links, topics: ``articles.revisions.fingerprint``); workflow
steps change none of these, so publishing an imported story is no edit. When a
newer version arrives for a story whose fingerprint has changed since, the
desk's version stays live and the item is *held*: kept whole as a
``HeldUpdate`` (one per story, the newest), with the lines the story would read
with it applied, worked out by applying it in a savepoint that is rolled back.
The story's change page shows "Wire update available" with that diff, and
``apply_held`` applies it, when an editor asks, through the same update code
as an import, recorded as the editor's revision. A pending record rather than
a reversion revision, because a revision of rows that were never saved would
point at bylines, topics and sections that do not exist. Records older than
the fingerprint have none, and their stories update as before.

Sections, outlets and authors are looked up once per run (``ImportRun``)
rather than once per item, which is most of an import's queries otherwise.
"""

import enum
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

import reversion
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify
from reversion.models import Version
from taggit.models import Tag

from articles import bulk_copy, checklist, revisions, workflow
from articles.fields import fit
from articles.models import Author, Byline, Outlet, RelatedLink, Section, SourceAttribution, Story
from media.rollback import atomic_with_files
from wire.accounts import wire_account
from wire.items import ImportedSection, ImportedStory, InvalidSource, item_from_json, item_to_json
from wire.models import HeldUpdate, ImportRecord
from wire.pictures import attach_pictures
from wire.withholding import release, withheld_note


class Action(enum.Enum):
    CREATED = "created"
    UPDATED = "updated"
    HELD = "held"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"
    WITHDRAWN = "withdrawn"


@dataclass
class ImportOptions:
    # The account the import acts as; every status change is this user's workflow action.
    # None: the wire account (wire/accounts.py), looked up when first needed.
    user: object = None
    section: Section | None = None
    # None keeps an existing story's status and saves new ones as drafts.
    status: str | None = None
    dry_run: bool = False
    strict: bool = False

    @property
    def actor(self):
        if self.user is None:
            self.user = wire_account()
        return self.user


@dataclass
class Outcome:
    action: Action
    story: Story | None
    reason: str = ""


class DryRunRollback(Exception):
    """Raised inside the transaction to undo a dry run's writes."""


@dataclass
class ImportRun:
    """What one run has looked up already. Objects created by an item join the
    cache only once that item is saved for good, so a rolled-back item (or a
    dry run) never leaves a cached row that is not in the database."""

    sections: dict = field(default_factory=dict)
    sections_loaded: bool = False
    tags: dict = field(default_factory=dict)
    authors: dict = field(default_factory=dict)
    outlets: object = None
    outlets_by_name: dict = field(default_factory=dict)
    pending: dict = field(default_factory=dict)

    def outlet_list(self):
        if self.outlets is None:
            self.outlets = Outlet.objects.all()
            list(self.outlets)  # evaluate once; mentioned_in() then reuses the result cache
        return self.outlets

    def remember(self, kind, key, value):
        self.pending[(kind, key)] = value

    def commit(self):
        for (kind, key), value in self.pending.items():
            if kind == "outlet":
                self.outlets = None
                self.outlets_by_name.clear()
            else:
                getattr(self, kind)[key] = value
        self.pending.clear()

    def discard(self):
        self.pending.clear()


def save_item(item: ImportedStory, options: ImportOptions, run: ImportRun | None = None) -> Outcome:
    run = run or ImportRun()
    check_size(item)
    try:
        with atomic_with_files():
            outcome = _save(item, options, run)
            if options.dry_run:
                raise DryRunRollback
    except DryRunRollback:
        run.discard()
    except ValidationError as error:
        run.discard()
        raise InvalidSource(_one_line(error)) from None
    except PermissionDenied as error:
        run.discard()
        raise refused_by_policy(options, error) from None
    except workflow.InvalidTransition as error:
        run.discard()
        raise InvalidSource(str(error)) from None
    except DatabaseError as error:  # a constraint or a value the column cannot hold
        run.discard()
        raise InvalidSource(
            f"the database refused the story ({' '.join(str(error).split())[:200]})"
        ) from None
    else:
        run.commit()
    return outcome


def refused_by_policy(options, error):
    return InvalidSource(f"the permission policy refused the import account “{options.actor}”: {error}")


def check_size(item):
    limit = settings.NEWSROOM_IMPORT_MAX_ITEM_BYTES
    if len(item.body_html.encode()) > limit:
        raise InvalidSource(
            f"the story body is {len(item.body_html.encode()):,} bytes, over the {limit:,}-byte limit"
        )


def _one_line(error):
    if hasattr(error, "message_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items())
    return " ".join(error.messages)


def _save(item, options, run):
    record = (
        # of=("self",): the story may be missing (a remembered canceled item), and
        # PostgreSQL cannot lock the nullable side of an outer join.
        ImportRecord.objects.select_for_update(of=("self",))
        .select_related("story")
        # The guid alone: ninjs uris and NewsML-G2 guids are global by specification,
        # and a provider's name may be spelled differently from one version to the next.
        .filter(guid=guid_of(item))
        .order_by("pk")
        .first()
    )
    if record and record.checksum == item.checksum:
        return Outcome(Action.UNCHANGED, record.story, "already imported, no changes")
    if record and is_older(item.version, record.version):
        return Outcome(Action.SKIPPED, record.story, f"version {item.version} is older than {record.version}")
    if item.canceled:
        if not record or record.story is None:
            _record(record, item, None)
            return Outcome(Action.SKIPPED, None, "canceled item that was never imported")
        story = record.story
        _keep_the_current_version(story)
        if story.status != Story.Status.UNPUBLISHED:
            note = f"Withdrawn by {item.format} import: {item.origin} (version {item.version or '?'})"
            workflow.withdraw(story, options.actor, note=withheld_note(item) if item.withheld else note)
        HeldUpdate.objects.filter(story=story).delete()
        # Withdrawing changes no words: whatever the desk changed still counts as its own.
        _record(record, item, story, fingerprint=record.story_fingerprint)
        verb = "withheld" if item.withheld else "canceled"
        return Outcome(Action.WITHDRAWN, story, f"the provider {verb} it")

    if record and record.story and edited_by_desk(record):
        return _hold(record, item, options, run)
    if record and record.story:
        _update(record, item, options, run, f"Updated by {item.format} import: {item.origin}")
        return Outcome(Action.UPDATED, record.story)
    # The same door as a batch of new stories (wire/batch.py), for the same result.
    story = Story()
    apply_and_validate(story, item, options, run)
    [story] = workflow.create_many(
        [story], options.actor, options.status or Story.Status.DRAFT, facts=[checklist_facts(item)]
    )
    _apply_relations(story, item, run, fresh=True)
    _record(record, item, story)
    return Outcome(Action.CREATED, story)


def _update(record, item, options, run, comment):
    story = record.story
    _keep_the_current_version(story)
    with _revision(f"{comment} (version {item.version or '?'})", user=options.user):
        apply_and_validate(story, item, options, run)
        story.save()
        _apply_relations(story, item, run, fresh=False)
        if reversion.is_registered(Story):
            # Bylines, topics, sources and links are bulk-created, which sends no post_save.
            reversion.add_to_revision(story)
    if options.status and (action := workflow.action_to_reach(story, options.status)):
        action.execute(story, options.actor, note=comment)
    elif not options.status:
        release(story, options.actor, note=f"Released by a later version: {comment}")
    HeldUpdate.objects.filter(story=story).delete()
    _record(record, item, story)


def edited_by_desk(record):
    """Whether the story differs from what its last import left (``story_fingerprint``).

    Records made before fingerprints were kept have none: their stories update as before.
    """
    if not record.story_fingerprint:
        return False
    return revisions.story_fingerprints([record.story])[record.story_id] != record.story_fingerprint


def _hold(record, item, options, run):
    """Keep ``item`` for the desk to apply, instead of replacing the desk's changes."""
    held = HeldUpdate.objects.filter(story=record.story).first()
    if held and held.checksum == item.checksum:
        return Outcome(Action.UNCHANGED, record.story, "already held for the desk")
    if held and is_older(item.version, held.version):
        return Outcome(Action.SKIPPED, record.story, f"version {item.version} is older than {held.version}")
    held = held or HeldUpdate(story=record.story)
    held.record, held.item, held.preview = (
        record,
        item_to_json(item),
        _lines_if_applied(record, item, options, run),
    )
    held.version = fit(HeldUpdate, "version", item.version)
    held.origin = fit(HeldUpdate, "origin", item.origin)
    held.checksum = item.checksum
    held.save()
    return Outcome(
        Action.HELD, record.story, "edited by the desk: the wire version waits on the story's page"
    )


class _Preview(Exception):
    def __init__(self, lines):
        self.lines = lines


def _lines_if_applied(record, item, options, run):
    """What the story would read like with ``item`` applied: applied by the same code as an
    update, read, and rolled back, so the desk's diff shows exactly what applying does."""
    try:
        with atomic_with_files():
            story = Story.objects.get(pk=record.story_id)
            apply_and_validate(story, item, options, run)
            story.save()
            _apply_relations(story, item, run, fresh=False)
            raise _Preview(revisions.restorable_lines(story))
    except _Preview as preview:
        run.discard()  # topics, authors or sections made for the preview were rolled back
        return preview.lines


def apply_held(story, user):
    """Apply the wire update held for ``story`` as ``user``, as an update would have; a revision."""
    with atomic_with_files():
        # of=("self",): PostgreSQL cannot lock the nullable side of an outer join (record.story).
        held = (
            HeldUpdate.objects.select_for_update(of=("self",))
            .select_related("record__story")
            .get(story=story)
        )
        item = item_from_json(held.item)
        try:
            _update(
                held.record, item, ImportOptions(user=user), ImportRun(), f"Wire update applied by {user}"
            )
        except ValidationError as error:
            raise InvalidSource(_one_line(error)) from None
    return item


def _keep_the_current_version(story):
    """Revisions are written on update, not on create (a third of an import's time):
    before the first update, the story as first imported is saved as a revision."""
    if reversion.is_registered(Story) and not Version.objects.get_for_object(story).exists():
        with _revision("As imported before its first update"):
            reversion.add_to_revision(story)


@contextmanager
def _revision(comment, *, user=None):
    """A django-reversion revision when Story is registered (articles/revisions.py)."""
    if not reversion.is_registered(Story):
        yield
        return
    with reversion.create_revision(atomic=False):
        reversion.set_comment(comment)
        reversion.set_user(user)
        yield


def is_older(new, old):
    """Whether version ``new`` comes before ``old``: as numbers, or as ISO timestamps (feeds)."""
    if not new or not old:
        return False
    if new.isdigit() and old.isdigit():
        return int(new) < int(old)
    try:
        return datetime.fromisoformat(new) < datetime.fromisoformat(old)
    except (ValueError, TypeError):
        return False


def apply_and_validate(story, item, options, run):
    """Map ``item`` onto ``story`` and validate it; ValidationError when it does not fit."""
    _apply(story, item, options, run)
    # The section came from the database; excluding it saves a query per story.
    story.full_clean(exclude=["slug", "section", "created_by"])


def _apply(story, item, options, run):
    story.headline = fit(Story, "headline", item.headline.strip())
    story.body = item.body_html
    attach_pictures(story, item, user=options.actor, dry_run=options.dry_run)
    story.dek = item.dek or story.dek
    story.credit_line = fit(Story, "credit_line", item.credit_line or story.credit_line)
    story.canonical_url = fit(Story, "canonical_url", item.canonical_url) or story.canonical_url
    if item.story_type in Story.StoryType.values:
        story.story_type = item.story_type
    story.section = options.section or resolve_section(item.sections, run)
    story.embargo_until = item.embargo_until
    if item.updated_at:
        story.updated_at = item.updated_at
    # The status itself is the workflow's to change (``_save``, ``batch._create``).
    if options.status == Story.Status.PUBLISHED:
        story.publish_at = item.publish_at or story.publish_at or timezone.now()
    elif not story.pk:
        story.publish_at = item.publish_at


def resolve_section(candidates: list[ImportedSection], run: ImportRun | None = None):
    """The first candidate we have (by slug or name); else one an export defined; else the default."""
    run = run or ImportRun()
    for candidate in candidates:
        if found := _find_section(candidate, run):
            return found
    for candidate in candidates:
        if candidate.slug:
            return _create_section(candidate, run)
    slug = settings.NEWSROOM_DEFAULT_SECTION
    return _find_section(
        ImportedSection(name=slug.replace("-", " ").title(), slug=slug), run
    ) or _create_section(ImportedSection(name=slug.replace("-", " ").title(), slug=slug), run)


def _find_section(candidate, run):
    if not run.sections_loaded:
        for section in Section.objects.all():
            run.sections[section.slug] = section
            run.sections.setdefault(f"name:{section.name.lower()}", section)
        run.sections_loaded = True
    for key in (candidate.slug or slugify(candidate.name), f"name:{candidate.name.lower()}"):
        if found := run.sections.get(key) or run.pending.get(("sections", key)):
            return found
    return None


def _create_section(candidate, run):
    parent = None
    if candidate.parent:
        parent = _find_section(candidate.parent, run) or _create_section(candidate.parent, run)
    slug = candidate.slug or slugify(candidate.name)
    section = Section(slug=slug, name=fit(Section, "name", candidate.name), parent=parent)
    section.full_clean()
    section.save()
    run.remember("sections", slug, section)
    run.remember("sections", f"name:{section.name.lower()}", section)
    return section


def _apply_relations(story, item, run, *, fresh):
    if not fresh:
        story.bylines.all().delete()
        story.sources.all().delete()
        story.related_links.all().delete()
        Story.tags.through.objects.filter(
            content_type=ContentType.objects.get_for_model(Story), object_id=story.pk
        ).delete()
    relation_rows(story, item, run).insert()


def checklist_facts(item):
    """What the publish checklist needs to know of a new story's rows before they exist."""
    return checklist.Facts(authors=sum(1 for name in dict.fromkeys(item.authors) if name.strip()))


@dataclass
class Relations:
    """The rows that link a saved story to what its item names, as plain values.

    ``rows`` is {model: (attnames, [tuple of values])} for ``bulk_copy.insert_values``:
    a bulk import makes thousands of these rows, and a model instance each cost
    more than writing it. ``topics`` are the names of the story's topics as they
    are in the database, so the fingerprint needs no read back (``fingerprint``).
    """

    rows: dict
    topics: list

    def insert(self):
        for model, (fields, values) in self.rows.items():
            bulk_copy.insert_values(model, fields, values)

    def fingerprint(self, story):
        """What ``revisions.story_fingerprints`` reads back once these rows are written."""

        def column(model, *names):
            fields, values = self.rows[model]
            at = [fields.index(name) for name in names]
            return [row[at[0]] if len(at) == 1 else tuple(row[i] for i in at) for row in values]

        return revisions.fingerprint_of(
            story,
            bylines=column(Byline, "author_id"),
            sources=column(SourceAttribution, "outlet_id", "url"),
            links=column(RelatedLink, "target_id", "title", "url", "outlet_name"),
            topics=self.topics,
        )


def relation_rows(story, item, run):
    """The ``Relations`` of a saved ``story``: its bylines, topics, sources and related links.

    Topic rows are made directly rather than through tags.set(): no m2m signal
    per topic (which django-reversion answers by serialising the story again).
    """
    authors = [_author(name, run) for name in dict.fromkeys(item.authors) if name.strip()]
    tags = [_tag(name, run) for name in dict.fromkeys(item.tags) if name.strip()]
    content_type_id = ContentType.objects.get_for_model(Story).pk

    outlets = []
    for name in item.sources:
        outlet = _outlet(name, run)
        if outlet not in outlets:
            outlets.append(outlet)
    text = f"{story.headline}\n{story.dek}\n{story.plain_text()}"
    for outlet in run.outlet_list().mentioned_in(text):
        if outlet not in outlets:
            outlets.append(outlet)
    pk = story.pk
    rows = {
        Byline: (
            ("story_id", "author_id", "position"),
            [(pk, author.pk, index) for index, author in enumerate(authors)],
        ),
        Story.tags.through: (
            ("tag_id", "content_type_id", "object_id"),
            [(tag.pk, content_type_id, pk) for tag in tags],
        ),
        SourceAttribution: (
            ("story_id", "outlet_id", "url", "position"),
            [(pk, outlet.pk, "", index) for index, outlet in enumerate(outlets)],
        ),
        RelatedLink: (
            ("story_id", "position", "target_id", "title", "url", "outlet_name"),
            [
                (pk, index, None, fit(RelatedLink, "title", link.title), fit(RelatedLink, "url", link.url),
                 fit(RelatedLink, "outlet_name", link.outlet))
                for index, link in enumerate(item.related)
            ],
        ),
    }  # fmt: skip
    return Relations(rows, [tag.name for tag in tags])


def look_up_names(items, run):
    """The authors and topics ``items`` name, found or created a batch at a time.

    One query each finds those ``run`` has not met yet, and one insert each adds
    the missing ones, instead of a query or two per name in ``_author`` and
    ``_tag`` (where a name this leaves out, such as a topic whose slug another
    topic has, is still created one at a time, with taggit's numbered slugs).
    Inserted in bulk, they send no ``post_save``: a new author or topic is on no
    cached page until a story names it, and that story's lists are what the
    page cache forgets. Created rows join ``run`` only once the batch commits.
    """
    names = {}
    for item in items:
        for name in item.authors:
            if name.strip():
                name = _author_name(name)
                names.setdefault(_author_slug(name), name)
    if wanted := names.keys() - run.authors.keys():
        found = {author.slug: author for author in Author.objects.filter(slug__in=wanted)}
        run.authors.update(found)
        if missing := wanted - found.keys():
            Author.objects.bulk_create(
                [Author(slug=slug, name=names[slug]) for slug in sorted(missing)], ignore_conflicts=True
            )
            for author in Author.objects.filter(slug__in=missing):
                run.remember("authors", author.slug, author)

    names = {}
    for item in items:
        for name in item.tags:
            if name.strip():
                name = _tag_name(name)
                names.setdefault(name.lower(), name)
    if wanted := names.keys() - run.tags.keys():
        found = _tags_named(wanted)
        run.tags.update(found)
        if missing := wanted - found.keys():
            Tag.objects.bulk_create(
                [Tag(name=names[key], slug=Tag().slugify(names[key])) for key in sorted(missing)],
                ignore_conflicts=True,
            )
            for key, tag in _tags_named(missing).items():
                run.remember("tags", key, tag)


def _tags_named(lowered_names):
    """{lowered name: tag}; tags are case-insensitive (TAGGIT_CASE_INSENSITIVE), the oldest wins."""
    found = {}
    for tag in Tag.objects.annotate(lowered=Lower("name")).filter(lowered__in=lowered_names).order_by("pk"):
        found.setdefault(tag.lowered, tag)
    return found


def _author_name(name):
    return fit(Author, "name", " ".join(name.split()))


def _author_slug(name):
    return fit(Author, "slug", slugify(name)) or "author"


def _tag_name(name):
    return fit(Tag, "name", " ".join(name.split()))


def _author(name, run):
    name = _author_name(name)
    slug = _author_slug(name)
    if slug in run.authors:
        return run.authors[slug]
    if ("authors", slug) in run.pending:
        return run.pending[("authors", slug)]
    author, created = Author.objects.get_or_create(slug=slug, defaults={"name": name})
    if created:
        run.remember("authors", slug, author)
    else:
        run.authors[slug] = author
    return author


def _tag(name, run):
    name = _tag_name(name)
    key = name.lower()
    if found := run.tags.get(key) or run.pending.get(("tags", key)):
        return found
    # Tags are case-insensitive (TAGGIT_CASE_INSENSITIVE): "Ferries" and "ferries" are one tag.
    tag = Tag.objects.filter(name__iexact=name).first()
    if tag is None:
        tag = Tag.objects.create(name=name)
        run.remember("tags", key, tag)
    else:
        run.tags[key] = tag
    return tag


def _outlet(name, run):
    """The outlet a provider or source names: by name, alias or web address; created if unknown."""
    wanted = name.strip().lower()
    if wanted in run.outlets_by_name:
        return run.outlets_by_name[wanted]
    host = (urlsplit(wanted if "//" in wanted else f"//{wanted}").hostname or "").removeprefix("www.")
    for outlet in run.outlet_list():
        outlet_host = (urlsplit(outlet.url).hostname or "").removeprefix("www.")
        if wanted in (n.lower() for n in outlet.names()) or (host and "." in host and outlet_host == host):
            run.outlets_by_name[wanted] = outlet
            return outlet
    outlet, _ = Outlet.objects.get_or_create(name=fit(Outlet, "name", name.strip()))
    run.remember("outlet", outlet.name, outlet)
    return outlet


def _record(record, item, story, *, fingerprint=None):
    if fingerprint is None:
        fingerprint = revisions.story_fingerprints([story])[story.pk] if story else ""
    if record:
        for key, value in _record_values(item, story, fingerprint).items():
            setattr(record, key, value)
        record.save()
    else:
        new_record(item, story, fingerprint).save()


def new_record(item, story, fingerprint):
    """The unsaved provenance record of ``item``, imported as ``story`` (None: not imported),
    which left the story with ``fingerprint`` (articles.revisions)."""
    return ImportRecord(guid=guid_of(item), **_record_values(item, story, fingerprint))


def new_record_values(item, story, fingerprint):
    """``new_record``'s values by attname, for ``bulk_copy.insert_values``."""
    values = {"guid": guid_of(item), **_record_values(item, story, fingerprint)}
    values["story_id"] = story.pk if (story := values.pop("story")) else None
    return values


def _record_values(item, story, fingerprint):
    return {
        "story": story,
        "story_fingerprint": fingerprint,
        "provider": fit(ImportRecord, "provider", item.provider),
        "format": item.format,
        "version": fit(ImportRecord, "version", item.version),
        "origin": fit(ImportRecord, "origin", item.origin),
        "checksum": item.checksum,
    }


def guid_of(item):
    return fit(ImportRecord, "guid", item.guid)
