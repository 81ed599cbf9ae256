"""Correction notices from the wire: attached to the story they correct.

Agencies send a correction as an item of its own, often with an empty
headline ("CORRECTION: In a story published on 3 March ..."), and name the
item it corrects in its metadata (NITF ``docdata/correction@id-string``, a
NewsML-G2 ``link`` whose rel names a correction, a ninjs association with rel
"corrects"). When that item was imported here and readers can see its story,
the notice's text becomes a correction on the story, through the workflow's
``correct`` action as the import account: dated, shown to readers, recorded.

Otherwise (nothing named, a story we never imported, or one not public) the
notice is imported as a draft story headed "Correction ...", for an editor.
The notice leaves an ``ImportRecord`` like any item, so the same notice
delivered again attaches nothing twice.
"""

from dataclasses import replace

from django.core.exceptions import PermissionDenied
from django.db import transaction

from articles import workflow
from articles.fields import fit
from articles.models import Story
from wire.items import ImportedStory, InvalidSource
from wire.models import ImportRecord
from wire.saving import (
    Action,
    DryRunRollback,
    ImportOptions,
    ImportRun,
    Outcome,
    guid_of,
    new_record,
    refused_by_policy,
    save_item,
)
from wire.text.markup import plain

NOTICE_HEADLINE_WORDS = 12


def save_correction(item: ImportedStory, options: ImportOptions, run: ImportRun | None = None) -> Outcome:
    target = corrected_story(item)
    if target is None or not target.is_public():
        # A draft whatever the run's --status: a notice on its own is for an editor to place.
        return save_item(as_notice_story(item, target), replace(options, status=None), run)
    note = plain(item.body_html)
    if not note:
        raise InvalidSource("the correction notice has no text")
    try:
        with transaction.atomic():
            record = ImportRecord.objects.select_for_update().filter(guid=guid_of(item)).first()
            if record and record.checksum == item.checksum:
                return Outcome(Action.UNCHANGED, target, "correction already attached")
            workflow.correct(target, options.actor, note)
            record = record or new_record(item, target, fingerprint="")
            record.story, record.checksum, record.version = target, item.checksum, item.version
            record.origin = fit(ImportRecord, "origin", item.origin)
            record.save()
            if options.dry_run:
                raise DryRunRollback
    except DryRunRollback:
        pass
    except PermissionDenied as error:
        raise refused_by_policy(options, error) from None
    except workflow.InvalidTransition as error:
        raise InvalidSource(str(error)) from None
    return Outcome(Action.UPDATED, target, f"correction attached to “{target.headline}”")


def corrected_story(item):
    """The story imported from the item ``item`` corrects, or None."""
    if not item.corrects:
        return None
    record = (
        ImportRecord.objects.filter(guid=fit(ImportRecord, "guid", item.corrects), story__isnull=False)
        .select_related("story")
        .order_by("pk")
        .first()
    )
    return record.story if record else None


def as_notice_story(item, target: Story | None):
    """The notice as a story of its own, with a headline when the sender left it empty."""
    headline = item.headline
    if not headline:
        if target is not None:
            headline = f"Correction to “{target.headline}”"
        else:
            words = plain(item.body_html).split()
            more = " …" if len(words) > NOTICE_HEADLINE_WORDS else ""
            headline = " ".join(words[:NOTICE_HEADLINE_WORDS]) + more
    return replace(item, headline=fit(Story, "headline", headline), correction=False)
