from django.core.management.base import BaseCommand

from articles import suggestions


class Command(BaseCommand):
    help = (
        "Score and keep the \u201cMore on this\u201d list of public stories that have none yet, newest first "
        "(after an upgrade, or a bulk load), so that their first view does not have to."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, help="Score at most this many stories.")
        parser.add_argument("--all", action="store_true", help="Score every public story again, kept or not.")

    def handle(self, **options):
        stories = suggestions.needing_scores(everything=options["all"])
        if options["limit"] is not None:
            stories = stories[: options["limit"]]
        count = 0
        for story in stories.iterator(chunk_size=500):
            suggestions.score(story, previous=None if options["all"] else [], announce=False)
            count += 1
        self.stdout.write(f"Scored {count} stories.")
