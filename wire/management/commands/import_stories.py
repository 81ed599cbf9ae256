from contextlib import nullcontext

from django.core.management.base import BaseCommand, CommandError

from articles.models import Story
from wire.formats import IMPORTERS
from wire.pipeline import ImportRefused, Reporter, files_in, import_options, run_import


class Command(BaseCommand):
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
        try:
            run_options = import_options(
                section_slug=options["section"],
                status=Story.Status.PUBLISHED if options["publish"] else options["status"],
                dry_run=options["dry_run"],
                strict=options["strict"],
            )
        except ImportRefused as reason:
            raise CommandError(str(reason)) from None
        total = sum(1 for _ in files_in(options["paths"]))
        with self._progress(total) as advance:
            summary = run_import(
                options["paths"], run_options, _Printer(self, advance), format_name=options["format"]
            )
        self.stdout.write(str(summary))
        if summary.stopped:
            raise CommandError("stopped at the first failure (--strict); nothing was saved.")
        if summary.failures:
            raise CommandError(
                f"{len(summary.failures)} item(s) could not be imported; see the errors above."
            )

    def _progress(self, total):
        """A progress bar on a terminal; nothing when output goes to a file or cron's mail."""
        if not getattr(self.stdout, "isatty", lambda: False)() or total < 2:
            return nullcontext(lambda: None)
        from rich.progress import Progress

        return _RichProgress(Progress(transient=True), total)


class _Printer(Reporter):
    def __init__(self, command, advance):
        self.command, self.advance = command, advance

    def saved(self, label, item, outcome):
        detail = f" ({outcome.reason})" if outcome.reason else ""
        self.command.stdout.write(f"{outcome.action.value:>9}  {label}: {item.headline}{detail}")
        for note in item.picture_notes:
            self.command.stdout.write(f"     note  {label}: {note}")

    def failed(self, label, reason):
        self.command.stderr.write(f"error: {label}: {reason}")

    def file_read(self):
        self.advance()


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
