"""Saving imported items: one transaction per item, idempotent, with a dry run.

The same item imported twice changes nothing; a changed item updates its story;
a canceled item withdraws it. Whatever goes wrong with one item rolls back
that item only, and the caller reports it and carries on.
"""

import enum
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify

from articles.models import (
    Author,
    Byline,
    ImportRecord,
    Outlet,
    RelatedLink,
    Section,
    SourceAttribution,
    Story,
)

from .base import ImportedStory, InvalidSource


class Action(enum.Enum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"
    WITHDRAWN = "withdrawn"


@dataclass
class ImportOptions:
    section: Section | None = None
    publish: bool = False
    dry_run: bool = False


@dataclass
class Outcome:
    action: Action
    story: Story | None
    reason: str = ""


class DryRunRollback(Exception):
    """Raised inside the transaction to undo a dry run's writes."""


def save_item(item: ImportedStory, options: ImportOptions) -> Outcome:
    try:
        with transaction.atomic():
            outcome = _save(item, options)
            if options.dry_run:
                raise DryRunRollback
    except DryRunRollback:
        pass
    except ValidationError as error:
        raise InvalidSource(_one_line(error)) from None
    return outcome


def _one_line(error):
    if hasattr(error, "message_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items())
    return " ".join(error.messages)


def _save(item, options):
    record = (
        ImportRecord.objects.select_for_update()
        .select_related("story")
        .filter(provider=item.provider, guid=item.guid)
        .first()
    )
    if record and record.checksum == item.checksum:
        return Outcome(Action.UNCHANGED, record.story, "already imported, no changes")
    if record and is_older(item.version, record.version):
        return Outcome(Action.SKIPPED, record.story, f"version {item.version} is older than {record.version}")
    if item.canceled:
        if not record:
            return Outcome(Action.SKIPPED, None, "canceled item that was never imported")
        story = record.story
        story.status = Story.Status.UNPUBLISHED
        story.save()
        _record(record, item, story)
        return Outcome(Action.WITHDRAWN, story)

    story = record.story if record else Story()
    _apply(story, item, options)
    story.full_clean(exclude=["slug"])
    story.save()
    _apply_relations(story, item)
    _record(record, item, story)
    return Outcome(Action.UPDATED if record else Action.CREATED, story)


def is_older(new, old):
    """Compare versions numerically where both are numbers, else never call one older."""
    if new.isdigit() and old.isdigit():
        return int(new) < int(old)
    return False


def _apply(story, item, options):
    story.headline = item.headline.strip()
    story.body = item.body_html
    story.dek = item.dek or story.dek
    story.credit_line = item.credit_line or story.credit_line
    if item.story_type in Story.StoryType.values:
        story.story_type = item.story_type
    story.section = options.section or resolve_section(item.section)
    story.embargo_until = item.embargo_until
    if item.updated_at:
        story.updated_at = item.updated_at
    if options.publish:
        story.status = Story.Status.PUBLISHED
        story.publish_at = item.publish_at or story.publish_at or timezone.now()
    elif not story.pk:
        story.status = Story.Status.DRAFT
        story.publish_at = item.publish_at


def resolve_section(name):
    """The section an item names (by slug or name), else the default section."""
    if name:
        found = Section.objects.filter(Q(slug=slugify(name)) | Q(name__iexact=name)).first()
        if found:
            return found
    slug = settings.NEWSROOM_DEFAULT_SECTION
    section = Section.objects.filter(slug=slug).first()
    if section is None:
        section = Section.objects.create(slug=slug, name=slug.replace("-", " ").title())
    return section


def _apply_relations(story, item):
    authors = [_author(name) for name in dict.fromkeys(item.authors) if name.strip()]
    story.bylines.all().delete()
    Byline.objects.bulk_create(
        Byline(story=story, author=author, position=index) for index, author in enumerate(authors)
    )
    story.tags.set(item.tags)

    outlets = [Outlet.objects.get_or_create(name=name)[0] for name in dict.fromkeys(item.sources)]
    text = f"{story.headline}\n{story.dek}\n{strip_tags(story.body)}"
    for outlet in Outlet.objects.mentioned_in(text):
        if outlet not in outlets:
            outlets.append(outlet)
    story.sources.all().delete()
    SourceAttribution.objects.bulk_create(
        SourceAttribution(story=story, outlet=outlet, position=index)
        for index, outlet in enumerate(outlets)
    )

    story.related_links.all().delete()
    RelatedLink.objects.bulk_create(
        RelatedLink(story=story, position=index, title=link.title[:300], url=link.url,
                    outlet_name=link.outlet)
        for index, link in enumerate(item.related)
    )  # fmt: skip


def _author(name):
    name = " ".join(name.split())[:150]
    slug = slugify(name)[:150] or "author"
    author, _ = Author.objects.get_or_create(slug=slug, defaults={"name": name})
    return author


def _record(record, item, story):
    values = {
        "story": story,
        "format": item.format,
        "version": item.version,
        "origin": item.origin[:1000],
        "checksum": item.checksum,
    }
    if record:
        for key, value in values.items():
            setattr(record, key, value)
        record.save()
    else:
        ImportRecord.objects.create(provider=item.provider, guid=item.guid, **values)
