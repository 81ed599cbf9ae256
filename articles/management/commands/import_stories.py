from contextlib import closing, nullcontext
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.caching import invalidation_deferred
from articles.importers import IMPORTERS, InvalidItem, InvalidSource
from articles.importers.batch import save_batch
from articles.importers.parallel import parsed_files
from articles.importers.saving import Action, ImportOptions, ImportRun, save_item
from articles.models import Section, Story


class StopRun(Exception):
    """--strict: the first failure ends the run and rolls everything back."""


class Command(BaseCommand):
    # Files are read and saved in batches, one commit each: a commit per story
    # costs SQLite an fsync each. New stories of a batch are inserted together
    # (articles/importers/batch.py), and the page cache is invalidated once per
    # batch. A crash loses at most the last batch, which the next run imports
    # again (imports are idempotent).
    commit_every = 200

    help = (
        "Import stories from files or folders (plain text, ninjs, NITF, NewsML-G2, RSS/Atom). "
        "Each story is saved on its own: a bad file or item is reported and skipped, and the "
        "others still import. The exit status is 1 when anything failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files, or folders of files.")
        parser.add_argument(
            "--format", default="auto", choices=["auto", *IMPORTERS],
            help="Input format (default: recognised from each file).",
        )  # fmt: skip
        parser.add_argument("--section", metavar="SLUG", help="Put every story in this section.")
        parser.add_argument(
            "--status", choices=[Story.Status.DRAFT, Story.Status.IN_REVIEW, Story.Status.PUBLISHED],
            help="Status for the stories (default: new stories are drafts, updated ones keep theirs).",
        )  # fmt: skip
        parser.add_argument("--publish", action="store_true", help="Same as --status published.")
        parser.add_argument("--dry-run", action="store_true", help="Report what would happen; save nothing.")
        parser.add_argument(
            "--strict", action="store_true",
            help="Stop at the first failure and save nothing of the whole run.",
        )  # fmt: skip

    def handle(self, **options):
        self.counts = {action: 0 for action in Action}
        self.failures = 0
        self.strict = options["strict"]
        self.run = ImportRun()
        status = Story.Status.PUBLISHED if options["publish"] else options["status"]
        import_options = ImportOptions(
            section=self._section(options["section"]), status=status, dry_run=options["dry_run"]
        )
        paths = list(self._files(options["paths"]))
        # Files are parsed ahead in worker processes while batches are saved; not
        # under --strict, which stops at the first failure.
        workers = 0 if self.strict else settings.NEWSROOM_IMPORT_WORKERS
        parsed = parsed_files(paths, options["format"], workers)
        try:
            with (
                closing(parsed),
                transaction.atomic() if self.strict else nullcontext(),
                self._progress(len(paths)) as advance,
            ):
                for _ in range(0, len(paths), self.commit_every):
                    with invalidation_deferred(), transaction.atomic():
                        self._import_files(
                            islice(parsed, self.commit_every), import_options, options["section"], advance
                        )
        except StopRun:
            self._summary(options["dry_run"])
            raise CommandError("stopped at the first failure (--strict); nothing was saved.") from None
        self._summary(options["dry_run"])
        if self.failures:
            raise CommandError(f"{self.failures} item(s) could not be imported; see the errors above.")

    def _section(self, slug):
        if slug is None:
            return None
        return Section.objects.filter(slug=slug).first()

    def _files(self, paths):
        for name in paths:
            path = Path(name)
            if path.is_dir():
                yield from sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
            else:
                yield path

    def _progress(self, total):
        """A progress bar on a terminal; nothing when output goes to a file or cron's mail."""
        if not getattr(self.stdout, "isatty", lambda: False)() or total < 2:
            return nullcontext(lambda: None)
        from rich.progress import Progress

        return _RichProgress(Progress(transient=True), total)

    def _import_files(self, parsed, import_options, section_slug, advance):
        """Report and save ``parsed``: (path, its items or why it cannot be read), in file order."""
        if self.strict or import_options.dry_run:
            # One item at a time: --strict stops at the first failure, in file order.
            for path, items in parsed:
                for label, item in self._items(path, items, import_options, section_slug):
                    try:
                        self._report(label, item, save_item(item, import_options, self.run))
                    except InvalidSource as error:
                        self._fail(label, error)
                advance()
            return
        entries = []
        for path, items in parsed:
            entries.extend(self._items(path, items, import_options, section_slug))
            advance()
        for label, item, outcome in save_batch(entries, import_options, self.run):
            if isinstance(outcome, InvalidSource):
                self._fail(label, outcome)
            else:
                self._report(label, item, outcome)

    def _items(self, path, items, import_options, section_slug):
        """The file's items as (label, item); a file or item that cannot be read is reported."""
        if section_slug and import_options.section is None:
            known = ", ".join(Section.objects.values_list("slug", flat=True)) or "none yet"
            items = InvalidSource(f"unknown section {section_slug!r} (known sections: {known})")
        if isinstance(items, InvalidSource):
            return self._fail(path, items)
        for item in items:
            label = f"{path} ({item.label})" if item.label else str(path)
            if isinstance(item, InvalidItem):
                self._fail(label, item.reason)
            else:
                yield label, item

    def _report(self, label, item, outcome):
        self.counts[outcome.action] += 1
        detail = f" ({outcome.reason})" if outcome.reason else ""
        self.stdout.write(f"{outcome.action.value:>9}  {label}: {item.headline}{detail}")

    def _fail(self, label, error):
        self.failures += 1
        self.stderr.write(f"error: {label}: {error}")
        if self.strict:
            raise StopRun

    def _summary(self, dry_run):
        prefix = "Dry run, nothing saved. Would have: " if dry_run else ""
        found = sum(self.counts.values()) + self.failures
        parts = [f"{count} {action.value}" for action, count in self.counts.items()]
        self.stdout.write(f"{prefix}{found} found: {', '.join(parts)}, {self.failures} failed.")


class _RichProgress:
    def __init__(self, progress, total):
        self.progress, self.total = progress, total

    def __enter__(self):
        self.progress.start()
        task = self.progress.add_task("Importing", total=self.total)
        return lambda: self.progress.advance(task)

    def __exit__(self, *exc):
        self.progress.stop()
        return False
