"""Story revision history, kept by django-reversion.

Every admin save and every workflow action stores a version of the story and
of what it follows (bylines, sources, related links, corrections). Editors
compare two versions as a line diff and restore one.

This module owns the registration; ``ArticlesConfig.ready()`` calls
``register()``, and the ``is_registered`` guard keeps a second call harmless.
"""

import difflib
import re
from dataclasses import dataclass

import reversion
from django.db import transaction
from django.db.models import ForeignKey
from reversion.models import Version

from articles.models import Byline, Correction, RelatedLink, SourceAttribution, Story

# The version counter and derived fields are the story's bookkeeping, not its content.
NOT_VERSIONED = ["lock_version", "modified_at", "word_count", "tags", "authors"]
# What a restore brings back. Status and publish times are left alone: restoring
# an old draft's words must not quietly unpublish a live story.
RESTORED_FIELDS = [
    "headline", "slug", "dek", "body", "section", "credit_line", "story_type",
    "seo_title", "seo_description", "canonical_url",
]  # fmt: skip
FOLLOWED = ["bylines", "sources", "related_links", "corrections"]



def register():
    if not reversion.is_registered(Story):
        reversion.register(Story, exclude=NOT_VERSIONED, follow=FOLLOWED)
    for model in (Byline, SourceAttribution, RelatedLink, Correction):
        if not reversion.is_registered(model):
            reversion.register(model)


def versions_of(story):
    """The story's versions, newest first, with who saved them."""
    return Version.objects.get_for_object(story).select_related("revision", "revision__user")


@dataclass
class FieldChange:
    label: str
    lines: list  # (kind, text) with kind one of "added", "removed", "same"


def _display_lines(story_field, value):
    if value is None or value == "":
        return []
    if isinstance(story_field, ForeignKey):
        related = story_field.related_model.objects.filter(pk=value).first()
        return [str(related) if related else f"(deleted, #{value})"]
    text = str(value)
    if story_field.name == "body":
        # One block element per line, so a changed paragraph shows as one changed line.
        text = re.sub(r"(</(?:p|h2|h3|blockquote|li|ul|ol|figure)>)", r"\1\n", text)
    return [line for line in text.splitlines() if line.strip()]


def compare(older, newer):
    """The fields that differ between two versions of a story, as readable line diffs."""
    changes = []
    for field in Story._meta.concrete_fields:
        if field.attname not in older.field_dict and field.attname not in newer.field_dict:
            continue
        before = _display_lines(field, older.field_dict.get(field.attname))
        after = _display_lines(field, newer.field_dict.get(field.attname))
        if before == after:
            continue
        lines = [
            ({"+": "added", "-": "removed", " ": "same"}[line[0]], line[2:])
            for line in difflib.ndiff(before, after)
            if line[0] in "+- "
        ]
        changes.append(FieldChange(label=str(field.verbose_name).capitalize(), lines=lines))
    return changes


def restore(story, version, user):
    """Bring the story's words and placement back to ``version``, as a new save."""
    if version.object_id != str(story.pk):
        raise ValueError("That version belongs to another story.")
    with transaction.atomic(), reversion.create_revision():
        for name in RESTORED_FIELDS:
            attname = Story._meta.get_field(name).attname
            if attname in version.field_dict:
                setattr(story, attname, version.field_dict[attname])
        story.save()
        reversion.set_user(user)
        reversion.set_comment(f"Restored the version of {version.revision.date_created:%Y-%m-%d %H:%M}")
    return story
