"""Running the import and export commands as staff do, and reading what they said."""

from io import StringIO

from django.core.management import CommandError, call_command


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
