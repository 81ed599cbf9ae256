"""Importers, one module per input format, and the registry that picks one.

Add a format by writing an ``Importer`` subclass and listing it in ``IMPORTERS``.
"""

from pathlib import Path

from .base import ImportedLink, ImportedSection, ImportedStory, Importer, InvalidItem, InvalidSource
from .feeds import FeedImporter
from .newsml_g2 import NewsMLG2Importer
from .ninjs import NinjsImporter
from .nitf import NitfImporter
from .plaintext import PlainTextImporter

# Sniffing tries them in this order; plain text, which accepts almost anything, comes last.
IMPORTERS = {
    importer.name: importer
    for importer in [NinjsImporter(), NitfImporter(), NewsMLG2Importer(), FeedImporter(), PlainTextImporter()]
}


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
    "ImportedSection",
    "ImportedStory",
    "Importer",
    "InvalidItem",
    "InvalidSource",
    "get_importer",
]
