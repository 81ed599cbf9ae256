"""Importers, one module per input format, and the registry that picks one.

Add a format by writing an ``Importer`` subclass and listing it in ``IMPORTERS``.
"""

from pathlib import Path

from .base import ImportedLink, ImportedStory, Importer, InvalidSource
from .plaintext import PlainTextImporter

IMPORTERS = {importer.name: importer for importer in [PlainTextImporter()]}


def get_importer(name, path, data):
    """The importer for ``name``, or the one that recognises the file when name is "auto"."""
    if name != "auto":
        try:
            return IMPORTERS[name]
        except KeyError:
            raise InvalidSource(
                f"unknown format {name!r} (choose from {', '.join(sorted(IMPORTERS))})"
            ) from None
    suffix = Path(path).suffix.lower()
    for importer in IMPORTERS.values():
        if suffix in importer.extensions:
            return importer
    for importer in IMPORTERS.values():
        if importer.sniff(data):
            return importer
    raise InvalidSource("cannot tell the format of this file; name it with --format")


__all__ = [
    "IMPORTERS",
    "ImportedLink",
    "ImportedStory",
    "Importer",
    "InvalidSource",
    "get_importer",
]
