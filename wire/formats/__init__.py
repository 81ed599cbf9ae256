"""Importers, one module per input format, and the registry that picks one.

Add a format by writing an ``Importer`` subclass and listing it in ``IMPORTERS``.
"""

from pathlib import Path

from wire.formats.feeds import FeedImporter
from wire.formats.newsml_g2 import NewsMLG2Importer
from wire.formats.ninjs import NinjsImporter
from wire.formats.nitf import NitfImporter
from wire.formats.plaintext import PlainTextImporter
from wire.items import ImportedLink, ImportedSection, ImportedStory, Importer, InvalidItem, InvalidSource
from wire.text.safe_xml import root_name

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
    raise InvalidSource(_unrecognised(data))


# XML roots of formats we are sometimes sent but do not read, and why.
UNSUPPORTED_ROOTS = {
    "NewsML": "this is NewsML 1.x (root <NewsML>); only NewsML-G2 news items and messages are imported",
    "contentSet": "this is a NewsML-G2 <contentSet> fragment, not a whole newsItem or newsMessage",
    "packageItem": "this is a NewsML-G2 package (links to other items), not a news item with a story",
    "html": "this is an HTML page, not a news format (NITF, NewsML-G2, ninjs, RSS/Atom or text)",
}


def _unrecognised(data):
    """The one-line reason a file matched no importer."""
    root = root_name(data)
    if root in UNSUPPORTED_ROOTS:
        return UNSUPPORTED_ROOTS[root]
    if root:
        return f"an XML document whose root element is <{root}>, which is not NITF, NewsML-G2, RSS or Atom"
    return "cannot tell the format of this file; name it with --format"


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
