"""Parsing untrusted XML: no DTDs loaded, no entities expanded, no network.

Wire files come from outside, so a document that declares entities is refused
outright: that is how "billion laughs" (exponential expansion) and XXE
(``SYSTEM "file:///etc/passwd"``) attacks work, and no news format needs them.
A DOCTYPE that only names an external DTD (as old NITF files do) is accepted,
but the DTD is never fetched.
"""

import re

from lxml import etree

from wire.items import InvalidSource
from wire.text.decoding import detect_encoding

# Checked on the raw bytes before any parsing, so a hostile file costs nothing.
ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
UTF16_ENTITY_DECLARATIONS = ("<!ENTITY".encode("utf-16-le"), "<!ENTITY".encode("utf-16-be"))


PROLOG = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>|\s+)*", re.DOTALL)
START_TAG = re.compile(rb"<(?:[\w.-]+:)?([\w.-]+)")


def root_name(data: bytes) -> str:
    """The local name of the first element, read from the start of the file (for sniffing)."""
    head = data[:8192].removeprefix(b"\xef\xbb\xbf")
    match = START_TAG.match(head, PROLOG.match(head).end())
    return match.group(1).decode("ascii", "replace") if match else ""


def _parser(encoding=None):
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_pis=True,
        encoding=encoding,
    )


def refuse_entity_declarations(data: bytes):
    head = data[:65536]
    if ENTITY_DECLARATION.search(head) or any(marker in head for marker in UTF16_ENTITY_DECLARATIONS):
        raise InvalidSource(
            "the XML declares entities (<!ENTITY>), which are refused for safety "
            "(entity expansion and external entities)"
        )


def parse_xml(data: bytes):
    """The root element of ``data``, or ``InvalidSource`` saying in one line why not."""
    if not data.strip():
        raise InvalidSource("the file is empty")
    refuse_entity_declarations(data)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        if "encoding" not in str(error).lower() and "utf-8" not in str(error).lower():
            raise InvalidSource(f"not well-formed XML: {_one_line(error)}") from None
        # Undeclared, wrongly declared or legacy encoding: detect it and try once more.
        try:
            root = etree.fromstring(data, _parser(detect_encoding(data)))
        except (etree.XMLSyntaxError, LookupError) as retry_error:
            raise InvalidSource(f"not well-formed XML: {_one_line(retry_error)}") from None
    if root is None:
        raise InvalidSource("not well-formed XML: no root element")
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None and any(True for _ in docinfo.internalDTD.iterentities()):
        raise InvalidSource("the XML declares entities (<!ENTITY>), which are refused for safety")
    return root


def _one_line(error):
    message = " ".join((getattr(error, "msg", "") or str(error)).split())
    line, column = getattr(error, "position", (None, None)) or (None, None)
    return f"{message} (line {line}, column {column})" if line and f"line {line}" not in message else message


def localname(element):
    """The tag without its namespace ("{http://iptc.org/...}newsItem" -> "newsItem")."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def children(element, name):
    """Direct children called ``name`` in any namespace."""
    return [child for child in element if localname(child) == name]


def child(element, name):
    found = children(element, name) if element is not None else []
    return found[0] if found else None


def descendants(element, name):
    return [el for el in element.iter() if localname(el) == name]


def descendant(element, name):
    found = descendants(element, name) if element is not None else []
    return found[0] if found else None


def text_of(element):
    """All the text inside ``element``, whitespace collapsed."""
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())
