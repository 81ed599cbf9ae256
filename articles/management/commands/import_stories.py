from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.importers import IMPORTERS, InvalidSource, get_importer
from articles.importers.saving import Action, ImportOptions, save_item
from articles.models import Section


class Command(BaseCommand):
    help = (
        "Import stories from files or folders. Each story is saved on its own: a bad "
        "file or item is reported and skipped, and the others still import."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files, or folders of files.")
        parser.add_argument(
            "--format", default="auto", choices=["auto", *IMPORTERS],
            help="Input format (default: recognised from each file).",
        )  # fmt: skip
        parser.add_argument("--section", metavar="SLUG", help="Put every story in this section.")
        parser.add_argument(
            "--publish", action="store_true",
            help="Publish the stories (default: new stories are saved as drafts).",
        )  # fmt: skip
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; save nothing."
        )

    def handle(self, **options):
        self.counts = {action: 0 for action in Action}
        self.failures = 0
        section = self._section(options["section"])
        import_options = ImportOptions(
            section=section, publish=options["publish"], dry_run=options["dry_run"]
        )
        for path in self._files(options["paths"]):
            self._import_file(path, options["format"], import_options, options["section"])
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

    def _import_file(self, path, format_name, import_options, section_slug):
        try:
            if section_slug and import_options.section is None:
                known = ", ".join(Section.objects.values_list("slug", flat=True)) or "none yet"
                raise InvalidSource(f"unknown section {section_slug!r} (known sections: {known})")
            items = self._parse(path, format_name)
        except InvalidSource as error:
            return self._fail(path, error)
        for item in items:
            label = f"{path} ({item.label})" if item.label else str(path)
            try:
                outcome = save_item(item, import_options)
            except InvalidSource as error:
                self._fail(label, error)
                continue
            self.counts[outcome.action] += 1
            detail = f" ({outcome.reason})" if outcome.reason else ""
            self.stdout.write(f"{outcome.action.value:>9}  {label}: {item.headline}{detail}")

    def _parse(self, path, format_name):
        if not path.exists():
            raise InvalidSource("no such file or folder")
        if not path.is_file():
            raise InvalidSource("not a regular file")
        size = path.stat().st_size
        if size > settings.NEWSROOM_IMPORT_MAX_BYTES:
            raise InvalidSource(
                f"the file is {size:,} bytes, over the {settings.NEWSROOM_IMPORT_MAX_BYTES:,}-byte limit"
            )
        try:
            data = path.read_bytes()
        except OSError as error:
            raise InvalidSource(f"cannot read the file ({error.strerror})") from None
        if not data.strip():
            raise InvalidSource("the file is empty")
        return get_importer(format_name, str(path), data).parse(data, str(path))

    def _fail(self, label, error):
        self.failures += 1
        self.stderr.write(f"error: {label}: {error}")

    def _summary(self, dry_run):
        prefix = "Dry run, nothing saved. Would have: " if dry_run else ""
        found = sum(self.counts.values()) + self.failures
        parts = [f"{count} {action.value}" for action, count in self.counts.items()]
        self.stdout.write(f"{prefix}{found} found: {', '.join(parts)}, {self.failures} failed.")
