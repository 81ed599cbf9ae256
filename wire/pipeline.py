"""The import pipeline as a service: ``run_import(paths, options) -> Summary``.

Called by the ``import_stories`` command today, and meant for a job, an admin
upload or an API tomorrow. What it promises:

- Each story is saved on its own (wire/saving.py): a bad file or item is
  reported and skipped, and the others still import. ``strict`` stops at the
  first failure and saves nothing of the whole run.
- Files are read and saved in batches, one commit each: a commit per story
  costs SQLite an fsync each. New stories of a batch are inserted together
  (wire/batch.py), and reactions to changes (the page cache) happen once per
  batch. A crash loses at most the last batch, which the next run imports
  again (imports are idempotent).
- Files are parsed ahead in worker processes while batches are saved
  (wire/parallel.py); not under ``strict``, which stops at the first failure.
- Every status change is a workflow action of the import account (wire/accounts.py).

What happens to each item is told to a ``Reporter`` as it happens, so the
command can print it line by line; the ``Summary`` counts it all.
"""

from contextlib import closing, nullcontext
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.conf import settings

from articles.models import Section
from articles.signals import changes_batched
from media.rollback import atomic_with_files
from wire.batch import save_batch
from wire.corrections import save_correction
from wire.items import InvalidItem, InvalidSource, NothingToPublish, SkippedItem
from wire.parallel import parsed_files
from wire.saving import Action, ImportOptions, ImportRun, Outcome, save_item

# Files per batch (and per commit).
COMMIT_EVERY = 200


class ImportRefused(Exception):
    """The run as a whole cannot start (an unknown section...); nothing was read or saved."""


class StopRun(Exception):
    """``strict``: the first failure ends the run and rolls everything back."""


@dataclass
class Summary:
    counts: dict = field(default_factory=lambda: {action: 0 for action in Action})
    failures: list = field(default_factory=list)  # (label, reason)
    notes: list = field(default_factory=list)  # (label, what became of a picture), not failures
    dry_run: bool = False
    stopped: bool = False  # strict run stopped at a failure: nothing saved

    @property
    def found(self):
        return sum(self.counts.values()) + len(self.failures)

    def __str__(self):
        prefix = "Dry run, nothing saved. Would have: " if self.dry_run else ""
        # "held" is rare (wire/saving.py: a story the desk changed), so named only when it happened.
        parts = [
            f"{count} {action.value}"
            for action, count in self.counts.items()
            if count or action is not Action.HELD
        ]
        pictures = f" {len(self.notes)} picture(s) not added, see the notes." if self.notes else ""
        return f"{prefix}{self.found} found: {', '.join(parts)}, {len(self.failures)} failed.{pictures}"


class Reporter:
    """Told of each item as it is handled; the command prints, a job might log."""

    def saved(self, label, item, outcome):
        pass

    def failed(self, label, reason):
        pass

    def file_read(self):
        pass


def import_options(*, section_slug=None, status=None, dry_run=False, strict=False, user=None):
    """Options for a run; ``ImportRefused`` when the section does not exist."""
    section = None
    if section_slug:
        section = Section.objects.filter(slug=section_slug).first()
        if section is None:
            known = ", ".join(Section.objects.values_list("slug", flat=True)) or "none yet"
            raise ImportRefused(f"unknown section {section_slug!r} (known sections: {known})")
    return ImportOptions(user=user, section=section, status=status, dry_run=dry_run, strict=strict)


# Pictures beside the stories in a folder are the stories' pictures (wire/pictures.py), not stories.
PICTURE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif"}


def files_in(paths):
    """The files named, with the visible files of each folder named (but its pictures), in order."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(
                p
                for p in path.iterdir()
                if p.is_file() and not p.name.startswith(".") and p.suffix.lower() not in PICTURE_SUFFIXES
            )
        else:
            yield path


def run_import(paths, options, reporter=None, *, format_name="auto"):
    """Import the files at ``paths`` (files or folders); returns the ``Summary``."""
    return _Run(options, reporter or Reporter()).run(list(files_in(paths)), format_name)


class _Run:
    def __init__(self, options, reporter):
        self.options, self.reporter = options, reporter
        self.summary = Summary(dry_run=options.dry_run)
        self.lookups = ImportRun()

    def run(self, files, format_name):
        workers = 0 if self.options.strict else settings.NEWSROOM_IMPORT_WORKERS
        parsed = parsed_files(files, format_name, workers)
        try:
            with closing(parsed), atomic_with_files() if self.options.strict else nullcontext():
                for _ in range(0, len(files), COMMIT_EVERY):
                    with changes_batched(), atomic_with_files():
                        self._import_files(islice(parsed, COMMIT_EVERY))
        except StopRun:
            self.summary.stopped = True
        return self.summary

    def _import_files(self, parsed):
        """Report and save ``parsed``: (path, its items or why it cannot be read), in file order."""
        if self.options.strict or self.options.dry_run:
            # One item at a time: a strict run stops at the first failure, in file order.
            for path, items in parsed:
                for label, item in self._items(path, items):
                    self._resolve_actor()
                    self._save_one(label, item)
                self.reporter.file_read()
            return
        entries = []
        for path, items in parsed:
            entries.extend(self._items(path, items))
            self.reporter.file_read()
        if entries:
            self._resolve_actor()
        # Correction notices go after the batch, which may hold the story they correct.
        notices = [(label, item) for label, item in entries if item.correction]
        entries = [(label, item) for label, item in entries if not item.correction]
        for label, item, outcome in save_batch(entries, self.options, self.lookups):
            if isinstance(outcome, InvalidSource):
                self._failed(label, outcome)
            else:
                self._saved(label, item, outcome)
        for label, item in notices:
            self._save_one(label, item)

    def _save_one(self, label, item):
        save = save_correction if item.correction else save_item
        try:
            self._saved(label, item, save(item, self.options, self.lookups))
        except InvalidSource as error:
            self._failed(label, error)

    def _resolve_actor(self):
        # The import account is looked up (or created) outside any one item's savepoint, so
        # an item rolled back cannot take the account's new row with it; and only once there
        # is something to save, so a run of unreadable files never needs the database.
        self.options.actor  # noqa: B018

    def _items(self, path, items):
        """The file's items as (label, item); a file or item that cannot be read is reported."""
        if isinstance(items, NothingToPublish):
            self._saved(path, SkippedItem(str(path), str(items)), Outcome(Action.SKIPPED, None, str(items)))
            return
        if isinstance(items, InvalidSource):
            self._failed(path, items)
            return
        for item in items:
            label = f"{path} ({item.label})" if item.label else str(path)
            if isinstance(item, SkippedItem):
                # Not for readers (an advisory, an advertisement, a picture): counted, never a failure.
                self._saved(label, item, Outcome(Action.SKIPPED, None, item.reason))
            elif isinstance(item, InvalidItem):
                self._failed(label, item.reason)
            else:
                yield label, item

    def _saved(self, label, item, outcome):
        self.summary.counts[outcome.action] += 1
        self.summary.notes.extend((str(label), note) for note in item.picture_notes)
        self.reporter.saved(label, item, outcome)

    def _failed(self, label, reason):
        self.summary.failures.append((str(label), str(reason)))
        self.reporter.failed(label, reason)
        if self.options.strict:
            raise StopRun
