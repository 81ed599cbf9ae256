"""Running the import and export commands as staff do, and reading what they said."""

import json
from io import StringIO

from django.core.management import CommandError, call_command

from wire.models import ImportRecord


class Run:
    def __init__(self, error, out, err):
        self.error, self.out, self.err = error, out, err

    @property
    def ok(self):
        return self.error is None

    @property
    def error_lines(self):
        return [line for line in self.err.splitlines() if line.strip()]


def run_command(name, *args):
    out, err = StringIO(), StringIO()
    try:
        call_command(name, *map(str, args), stdout=out, stderr=err)
        error = None
    except CommandError as raised:
        error = raised
    return Run(error, out.getvalue(), err.getvalue())


def import_stories(*args):
    return run_command("import_stories", *args)


def import_text(folder, name, text, *args):
    """Write ``text`` to ``folder/name`` (UTF-8) and import that file."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return import_stories(path, *args)


def ninjs_file(folder, number, headline=None, **extra):
    """One ninjs 3.x story in its own file, as wire services deliver them."""
    headline = headline or f"Harbour council story {number}"
    item = {
        "uri": f"urn:batch:{number}",
        "type": "text",
        "version": "1",
        "versionCreated": "2026-01-02T10:00:00+00:00",
        "headlines": [{"role": "main", "value": headline}],
        "descriptions": [{"role": "summary", "value": f"The standfirst of story {number}."}],
        "by": f"Reporter {number % 3} and Desk Editor",
        "bodies": [{"role": "main", "contentType": "text/html",
                    "value": f"<p>Storm news <script>x()</script>number {number} from Reuters.</p>"
                             "<h2>More</h2><ul><li>one</li><li>two</li></ul>"}],
        "subjects": [{"name": "World", "rel": "section", "literal": "world"},
                     {"name": f"topic {number % 4}", "rel": "about"}, {"name": "Ferries", "rel": "about"}],
        "infoSources": [{"name": "Associated Press"}],
        **extra,
    }  # fmt: skip
    path = folder / f"{number:04d}.json"
    path.write_text(json.dumps(item), encoding="utf-8")
    return path


def snapshot():
    """What readers and editors see of every story, by guid."""
    return {
        record.guid: (
            story.headline, story.slug, story.dek, story.body, story.word_count, story.status,
            story.publish_at, story.first_published_at, story.section.slug, story.lock_version,
            [byline.author.name for byline in story.bylines.all()],
            sorted(tag.name for tag in story.tags.all()),
            [source.outlet.name for source in story.sources.all()],
            (record.version, record.checksum, record.format, record.story_fingerprint),
        )
        for record in ImportRecord.objects.select_related("story__section")
        for story in [record.story]
    }  # fmt: skip
