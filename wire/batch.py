"""Saving a batch of imported items: new stories in one insert per table.

Why: saved one at a time (``saving.save_item``), a new story costs about ten
queries and a savepoint: its import record, the slug checks, the insert, the
search vector, bylines, tags, sources, related links, the record. That held an
import to about 120 stories/s; most items of a run are new stories, so they
are the ones worth batching.

How ``save_batch`` keeps every promise of the one-at-a-time path:

1. One query finds the import records of the batch's guids: an item whose
   checksum is its record's is unchanged, with no further query.
2. An item whose guid is new (and first seen in the batch, and not canceled)
   is mapped and validated by the same code as ``save_item`` uses. The
   stories are inserted by ``workflow.create_many()``: the status the import
   asks for is reached through the workflow's actions (permission checked,
   transition recorded, as the import account), and ``Story.objects.create_many()``
   works out every derived field as ``Story.save()`` does, slugs in one query
   for the batch, and sends ``stories_saved`` (the search index updates its
   vectors in one UPDATE). Then one insert per table (``bulk_copy.insert_values``,
   ``COPY`` on PostgreSQL) of rows made as plain values: bylines, tags, sources,
   related links, import records. Each record's fingerprint is worked out from
   those same rows, not read back.
3. Every other item (an update, a re-import, a withdrawal, a guid seen earlier
   in the batch) goes through ``save_item`` afterwards, in order.
4. Step 2 runs in one savepoint. If any of its items fails (too big, invalid,
   refused by the database), the savepoint is rolled back and the batch is
   saved one item at a time instead: the bad item is reported and saves
   nothing of itself, and the others still import, as without batching.

Not done here, on purpose: a new story gets no revision (neither does one
saved by ``save_item``), and ``bulk_create`` sends no ``post_save``, so the
caller invalidates the page cache once for the batch
(``frontend.caching.invalidation_deferred``). A dry run or a ``--strict`` run
uses ``save_item`` for every item, since it stops or rolls back anyway.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError

from articles import bulk_copy, workflow
from articles.models import Story
from media.rollback import atomic_with_files
from wire.items import InvalidSource
from wire.models import ImportRecord
from wire.saving import (
    Action,
    Outcome,
    apply_and_validate,
    check_size,
    checklist_facts,
    guid_of,
    look_up_names,
    new_record_values,
    relation_rows,
    save_item,
)

# Items per bulk insert: bounds the IN (...) lists and the rows held in memory,
# since one feed file may hold hundreds of items.
MAX_ITEMS = 500


def save_batch(entries, options, run):
    """Save ``entries`` [(label, item)]; return [(label, item, Outcome or InvalidSource)] in order."""
    return [
        result
        for start in range(0, len(entries), MAX_ITEMS)
        for result in _save_slice(entries[start : start + MAX_ITEMS], options, run)
    ]


def _save_slice(entries, options, run):
    results = [None] * len(entries)
    records = {}
    guids = {guid_of(item) for _, item in entries}
    for record in ImportRecord.objects.filter(guid__in=guids).select_related("story").order_by("pk"):
        records.setdefault(record.guid, record)  # the first, as save_item() finds it
    fresh, others, seen = [], [], set()
    for index, (_, item) in enumerate(entries):
        guid = guid_of(item)
        record = records.get(guid)
        if record and guid not in seen and record.checksum == item.checksum and _fits(item):
            results[index] = Outcome(Action.UNCHANGED, record.story, "already imported, no changes")
        elif item.canceled or record or guid in seen:
            others.append(index)
        else:
            fresh.append(index)
        seen.add(guid)

    if fresh:
        try:
            with atomic_with_files():
                stories = _create([entries[index][1] for index in fresh], options, run)
        except (InvalidSource, ValidationError, DatabaseError, PermissionDenied, workflow.InvalidTransition):
            run.discard()
            others = sorted(fresh + others)  # one at a time, so the bad item is found and reported
        else:
            run.commit()
            for index, story in zip(fresh, stories, strict=True):
                results[index] = Outcome(Action.CREATED, story)

    for index in others:
        try:
            results[index] = save_item(entries[index][1], options, run)
        except InvalidSource as error:
            results[index] = error
    return [(label, item, result) for (label, item), result in zip(entries, results, strict=True)]


def _fits(item):
    try:
        check_size(item)
    except InvalidSource:
        return False
    return True


def _create(items, options, run):
    stories = []
    for item in items:
        check_size(item)
        story = Story()
        apply_and_validate(story, item, options, run)
        stories.append(story)
    stories = workflow.create_many(
        stories, options.actor, options.status or Story.Status.DRAFT,
        facts=[checklist_facts(item) for item in items],
    )  # fmt: skip

    look_up_names(items, run)
    relations = [relation_rows(story, item, run) for story, item in zip(stories, items, strict=True)]
    for model, (fields, _values) in relations[0].rows.items():
        bulk_copy.insert_values(model, fields, [row for each in relations for row in each.rows[model][1]])
    # What the desk's changes will be told from (wire.saving.edited_by_desk): worked out from
    # the rows just written, as story_fingerprints() would read them back.
    records = [
        new_record_values(item, story, each.fingerprint(story))
        for story, item, each in zip(stories, items, relations, strict=True)
    ]
    bulk_copy.insert_values(ImportRecord, tuple(records[0]), [tuple(record.values()) for record in records])
    return stories
