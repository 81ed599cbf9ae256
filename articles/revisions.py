"""Story revision history, kept by django-reversion.

Every admin save and every workflow action stores a version of the whole
story: its fields and what it follows (bylines, sources, related links,
corrections, and its topics: the rows of taggit's table together with each
topic, so a version still names a topic deleted since). Editors compare two
versions as a line diff and restore one.

A restore brings back what an editor writes and arranges: the words and
placement (``RESTORED_FIELDS``), bylines, sources, related links and topics.
It leaves status and publish times to the workflow, and published corrections
where they are (a correction is a public record, never taken back by a
restore). A restore is itself a new version.

``lines_of`` describes a story (or a version) as labelled lines, and ``diff``
compares two such descriptions: the words (headline, standfirst, body as it
reads, captions, SEO text) word by word (``articles.textdiff``), every other
field line by line. The compare page, the restore confirmation and the wire
update panel all show that diff.
``fingerprint`` condenses the restorable content into one hash, which the
wire import keeps to tell whether an editor has changed a story since.

This module owns the registration; ``ArticlesConfig.ready()`` calls
``register()``, and the ``is_registered`` guard keeps a second call harmless.
"""

import difflib
import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from datetime import datetime

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import ForeignKey
from django.utils.html import strip_tags
from django.utils.text import capfirst
from reversion.models import Version
from taggit.models import Tag, TaggedItem

from articles import textdiff
from articles.dates import moment
from articles.models import Author, Byline, Correction, Outlet, RelatedLink, SourceAttribution, Story

# The version counter and derived fields are the story's bookkeeping, not its content;
# topics and authors are kept through the rows the story follows (FOLLOWED).
NOT_VERSIONED = ["lock_version", "modified_at", "word_count", "tags", "authors"]
# The fields a restore brings back. Status and publish times are left alone:
# restoring an old draft's words must not quietly unpublish a live story.
RESTORED_FIELDS = [
    "headline", "slug", "dek", "body", "section", "credit_line", "story_type",
    "seo_title", "seo_description", "canonical_url",
]  # fmt: skip
FOLLOWED = ["bylines", "sources", "related_links", "corrections", "tag_links"]
# The fields read as prose: compared word by word, the body as it reads rather than as HTML.
TEXT_FIELDS = ["headline", "dek", "body", "lead_image_caption", "seo_title", "seo_description"]

BYLINES, SOURCES, LINKS, TOPICS, CORRECTIONS = (
    "Bylines", "Sources", "Related links", "Topics", "Corrections",
)  # fmt: skip


def register():
    if not reversion.is_registered(Story):
        reversion.register(Story, exclude=NOT_VERSIONED, follow=FOLLOWED)
    for model in (Byline, SourceAttribution, RelatedLink, Correction, Tag):
        if not reversion.is_registered(model):
            reversion.register(model)
    if not reversion.is_registered(TaggedItem):
        # The topic itself goes into the version too: its name outlives a deleted topic.
        reversion.register(TaggedItem, follow=["tag"])


def versions_of(story):
    """The story's versions, newest first, with who saved them."""
    return Version.objects.get_for_object(story).select_related("revision", "revision__user")


# What a story or a version holds, as rows of plain values


@dataclass
class Content:
    """A story's restorable content: field values by attname, and its rows."""

    fields: dict
    bylines: list = field(default_factory=list)  # author ids, in order
    sources: list = field(default_factory=list)  # (outlet id, url), in order
    links: list = field(default_factory=list)  # (target id, title, url, outlet name), in order
    topics: list | None = None  # topic names; None: the version kept no topics
    corrections: list = field(default_factory=list)  # (kind, published at, note)


def current_content(story, fields=None):
    return current_contents([story], fields)[story.pk]


def current_contents(stories, fields=None, *, corrections=True):
    """{story pk: Content} of saved stories, in one query per kind of row."""
    names = fields or _versioned_fields()
    pks = [story.pk for story in stories]
    contents = {
        story.pk: Content(
            fields={_attname(name): getattr(story, _attname(name)) for name in names}, topics=[]
        )
        for story in stories
    }
    rows = [
        (Byline.objects, "bylines", ["author_id"]),
        (SourceAttribution.objects, "sources", ["outlet_id", "url"]),
        (RelatedLink.objects, "links", ["target_id", "title", "url", "outlet_name"]),
        *([(Correction.objects, "corrections", ["kind", "published_at", "note"])] if corrections else []),
    ]
    for manager, attribute, columns in rows:
        found = manager.filter(story_id__in=pks).order_by("story_id", *manager.model._meta.ordering)
        for story_id, *values in found.values_list("story_id", *columns):
            getattr(contents[story_id], attribute).append(values[0] if len(values) == 1 else tuple(values))
    tagged = TaggedItem.objects.filter(content_type_id=_story_type_id(), object_id__in=pks)
    for story_id, name in tagged.values_list("object_id", "tag__name"):
        contents[story_id].topics.append(name)
    for content in contents.values():
        content.topics.sort()
    return contents


def version_content(version, fields=None):
    names = fields or _versioned_fields()
    story_id = int(version.object_id)
    rows = {}
    for followed in version.revision.version_set.select_related("content_type"):
        model = followed.content_type.model_class()
        if model is not None and model is not Story:
            rows.setdefault(model, []).append(followed.field_dict)
    mine = {
        model: sorted(
            (row for row in rows.get(model, []) if row.get("story_id") == story_id),
            key=lambda row: (row.get("position", 0), row["id"]),
        )
        for model in (Byline, SourceAttribution, RelatedLink)
    }
    tag_rows = [row for row in rows.get(TaggedItem, []) if _is_tag_of(row, story_id)]
    kept_names = {row["id"]: row["name"] for row in rows.get(Tag, [])}
    live_names = dict(
        Tag.objects.filter(pk__in=[row["tag_id"] for row in tag_rows]).values_list("pk", "name")
    )
    has_topics = TaggedItem in rows or not _predates_topic_versions(version)
    return Content(
        fields={
            _attname(name): version.field_dict[_attname(name)]
            for name in names
            if _attname(name) in version.field_dict
        },
        bylines=[row["author_id"] for row in mine[Byline]],
        sources=[(row["outlet_id"], row["url"]) for row in mine[SourceAttribution]],
        links=[(row["target_id"], row["title"], row["url"], row["outlet_name"]) for row in mine[RelatedLink]],
        topics=sorted(
            kept_names.get(row["tag_id"])
            or live_names.get(row["tag_id"])
            or f"(deleted topic #{row['tag_id']})"
            for row in tag_rows
        )
        if has_topics
        else None,
        corrections=[
            (row["kind"], row["published_at"], row["note"])
            for row in rows.get(Correction, [])
            if row.get("story_id") == story_id
        ],
    )


def _predates_topic_versions(version):
    """Whether no version of the story up to this one kept topics: it was saved before
    topics were versioned, so its lack of topic rows says nothing about its topics."""
    return not Version.objects.filter(
        content_type=ContentType.objects.get_for_model(TaggedItem),
        revision__version__content_type=version.content_type_id,
        revision__version__object_id=version.object_id,
        revision__date_created__lte=version.revision.date_created,
    ).exists()


def _is_tag_of(row, story_id):
    return str(row.get("object_id")) == str(story_id) and row.get("content_type_id") == _story_type_id()


def _story_type_id():
    return ContentType.objects.get_for_model(Story).pk


def _attname(name):
    return Story._meta.get_field(name).attname


def _versioned_fields():
    return [
        f.name
        for f in Story._meta.concrete_fields
        if f.name not in NOT_VERSIONED and f.name not in ("id", "search_vector")
    ]


def fingerprint(content):
    """One hash of a story's restorable content: the same content, the same hash."""
    values = {
        "fields": {name: str(content.fields.get(_attname(name), "")) for name in RESTORED_FIELDS},
        "bylines": content.bylines,
        "sources": [list(row) for row in content.sources],
        "links": [list(row) for row in content.links],
        "topics": sorted(name.lower() for name in content.topics or []),
    }
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()


def story_fingerprints(stories):
    """{story pk: fingerprint} of saved stories, in a few queries however many they are."""
    return {
        pk: fingerprint(content)
        for pk, content in current_contents(stories, RESTORED_FIELDS, corrections=False).items()
    }


def fingerprint_of(story, *, bylines, sources, links, topics):
    """The fingerprint ``story_fingerprints`` gives ``story`` once it has these rows:
    for rows just written, which need no reading back (the batched wire import)."""
    fields = {_attname(name): getattr(story, _attname(name)) for name in RESTORED_FIELDS}
    return fingerprint(Content(fields, bylines=bylines, sources=sources, links=links, topics=topics))


def restorable_lines(story):
    """What a restore or a wire update may change in the story now, as ``lines_of`` gives it."""
    content = current_content(story, RESTORED_FIELDS)
    content.corrections = []
    return lines_of(content)


# Reading it: labelled lines and their diff


@dataclass
class FieldChange:
    label: str
    lines: list  # (kind, text) with kind one of "added", "removed", "same"
    paragraphs: list | None = None  # [textdiff.Paragraph] for the prose fields, else None


def _display_lines(story_field, value):
    if value is None or value == "":
        return []
    if isinstance(story_field, ForeignKey):
        related = story_field.related_model.objects.filter(pk=value).first()
        return [str(related) if related else f"(deleted, #{value})"]
    if isinstance(value, datetime):
        return [moment(value)]
    if story_field.choices:
        return [str(dict(story_field.flatchoices).get(value, value))]
    text = str(value)
    if story_field.name == "body":
        # One block element per line, so a changed paragraph shows as one changed line.
        text = re.sub(r"(</(?:p|h2|h3|blockquote|li|ul|ol|figure)>)", r"\1\n", text)
    return [line for line in text.splitlines() if line.strip()]


def lines_of(content):
    """``content`` as {label: [line]}, in the order a story reads."""
    lines = {}
    for story_field in Story._meta.concrete_fields:
        if story_field.attname in content.fields:
            lines[_label(story_field.name)] = _display_lines(story_field, content.fields[story_field.attname])
    authors = Author.objects.in_bulk(content.bylines)
    outlets = Outlet.objects.in_bulk([outlet_id for outlet_id, _url in content.sources])
    targets = Story.objects.in_bulk([row[0] for row in content.links if row[0]])
    lines[BYLINES] = [str(authors.get(pk, f"(deleted author #{pk})")) for pk in content.bylines]
    lines[SOURCES] = [
        " ".join(filter(None, [str(outlets.get(pk, f"(deleted outlet #{pk})")), url]))
        for pk, url in content.sources
    ]
    lines[LINKS] = [
        " ".join(
            filter(
                None, [title or _target_title(targets, target_id), url, outlet_name and f"({outlet_name})"]
            )
        )
        for target_id, title, url, outlet_name in content.links
    ]
    if content.topics is not None:
        lines[TOPICS] = list(content.topics)
    lines[CORRECTIONS] = [f"{kind} {at:%Y-%m-%d}: {note}" for kind, at, note in content.corrections]
    return lines


def _target_title(targets, target_id):
    if not target_id:
        return ""
    return targets[target_id].headline if target_id in targets else f"(deleted story #{target_id})"


def diff(before, after):
    """The labels whose lines differ between two ``lines_of`` results: the prose fields
    word by word, the rest line by line."""
    prose = _prose_labels()
    changes = []
    for label in dict.fromkeys([*before, *after]):
        if label not in before or label not in after or before[label] == after[label]:
            continue
        lines = [
            ({"+": "added", "-": "removed", " ": "same"}[line[0]], line[2:])
            for line in difflib.ndiff(before[label], after[label])
            if line[0] in "+- "
        ]
        paragraphs = None
        if label in prose:
            read = _as_read if label == _label("body") else list
            paragraphs = textdiff.compare_paragraphs(read(before[label]), read(after[label]))
        changes.append(FieldChange(label=label, lines=lines, paragraphs=paragraphs))
    return changes


def _prose_labels():
    return {_label(name) for name in TEXT_FIELDS}


def _label(name):
    return capfirst(str(Story._meta.get_field(name).verbose_name))  # "SEO title", not "Seo title"


_FIGURE = re.compile(r"<figure\b(?:[^>]*?data-image=\"(\d+)\")?[^>]*>", re.IGNORECASE)


def _as_read(lines):
    """Lines of HTML (a body) as the paragraphs a reader sees: tags gone, a picture named."""
    paragraphs = []
    for line in lines:
        line = _FIGURE.sub(lambda found: f"[Picture {found.group(1) or ''}] ".replace(" ]", "]"), line)
        text = " ".join(html.unescape(strip_tags(line)).split())
        if text:
            paragraphs.append(text)
    return paragraphs


def compare(older, newer):
    """What differs between two versions of a story, as readable line diffs."""
    return diff(lines_of(version_content(older)), lines_of(version_content(newer)))


def restore_preview(story, version):
    """What restoring ``version`` would change in the story as it is now."""
    then = version_content(version, RESTORED_FIELDS)
    then.corrections = []  # a restore leaves corrections alone
    return diff(restorable_lines(story), lines_of(then))


# Restoring


def restore(story, version, user):
    """Bring back the story's words, placement, bylines, sources, related links and
    topics as they were in ``version``, as a new version. Returns the lines of what
    could not come back (an author, outlet or linked story deleted since)."""
    if version.object_id != str(story.pk):
        raise ValueError("That version belongs to another story.")
    then = version_content(version, RESTORED_FIELDS)
    missing = []
    with transaction.atomic(), reversion.create_revision():
        for attname, value in then.fields.items():
            setattr(story, attname, value)
        story.save()
        authors = Author.objects.in_bulk(then.bylines)
        story.bylines.all().delete()
        for position, author_id in enumerate(then.bylines):
            if author_id in authors:
                Byline.objects.create(story=story, author=authors[author_id], position=position)
            else:
                missing.append(f"a byline (author #{author_id} was deleted)")
        outlets = Outlet.objects.in_bulk([outlet_id for outlet_id, _ in then.sources])
        story.sources.all().delete()
        for position, (outlet_id, url) in enumerate(then.sources):
            if outlet_id in outlets:
                SourceAttribution.objects.create(
                    story=story, outlet=outlets[outlet_id], url=url, position=position
                )
            else:
                missing.append(f"a source (outlet #{outlet_id} was deleted)")
        targets = Story.objects.in_bulk([row[0] for row in then.links if row[0]])
        story.related_links.all().delete()
        for position, (target_id, title, url, outlet_name) in enumerate(then.links):
            if target_id and target_id not in targets:
                missing.append(f"a related link (story #{target_id} was deleted)")
                continue
            RelatedLink.objects.create(
                story=story, target=targets.get(target_id), title=title, url=url,
                outlet_name=outlet_name, position=position,
            )  # fmt: skip
        if then.topics is not None:
            story.tags.set(
                [_topic_named(name) for name in then.topics if not name.startswith("(deleted topic")]
            )
        reversion.add_to_revision(story)
        reversion.set_user(user)
        reversion.set_comment(f"Restored the version of {moment(version.revision.date_created)}")
    return missing


def _topic_named(name):
    # A topic deleted since the version was saved comes back under its old name.
    return Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name)
