import json
import sys
from datetime import datetime, time

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_date, parse_datetime

from articles.dates import as_aware
from articles.models import Section, Story
from wire.exporters.ninjs import story_to_ninjs


class Command(BaseCommand):
    help = (
        "Write stories as IPTC ninjs 3.x, one JSON object per line (JSON Lines). "
        "import_stories reads the file back."
    )

    def add_arguments(self, parser):
        parser.add_argument("out", metavar="OUT", help="File to write, or - for standard output.")
        parser.add_argument(
            "--section", action="append", metavar="SLUG", default=[],
            help="Only stories of this section and its sub-sections (repeatable).",
        )  # fmt: skip
        parser.add_argument(
            "--since", metavar="DATE", help="Only stories changed since this date or ISO date-time."
        )
        parser.add_argument(
            "--all", action="store_true",
            help="Include drafts, scheduled and embargoed stories (default: what readers can see).",
        )  # fmt: skip

    def handle(self, **options):
        stories = self._stories(options)
        out = sys.stdout if options["out"] == "-" else open(options["out"], "w", encoding="utf-8")  # noqa: SIM115
        count = 0
        try:
            for story in stories.iterator(chunk_size=500):
                out.write(json.dumps(story_to_ninjs(story), ensure_ascii=False) + "\n")
                count += 1
        finally:
            if out is not sys.stdout:
                out.close()
        self.stderr.write(f"Exported {count} stor{'y' if count == 1 else 'ies'}.")

    def _stories(self, options):
        stories = Story.objects.all() if options["all"] else Story.objects.published()
        if options["section"]:
            sections = list(Section.objects.filter(slug__in=options["section"]))
            missing = set(options["section"]) - {s.slug for s in sections}
            if missing:
                raise CommandError(f"unknown section(s): {', '.join(sorted(missing))}")
            story_ids = Story.objects.none()
            for section in sections:
                story_ids = story_ids | Story.objects.in_section(section)
            stories = stories.filter(pk__in=story_ids.values("pk"))
        if options["since"]:
            stories = stories.filter(modified_at__gte=self._since(options["since"]))
        return stories.for_article_page().order_by("pk")

    def _since(self, value):
        moment = parse_datetime(value)
        if moment is None and (day := parse_date(value)):
            moment = datetime.combine(day, time.min)
        if moment is None:
            raise CommandError(f"--since {value!r} is not a date (YYYY-MM-DD) or ISO date-time")
        return as_aware(moment)
