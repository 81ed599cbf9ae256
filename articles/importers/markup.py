"""Turning the bodies that wire formats carry into our story HTML.

Every importer ends here: XHTML and NITF elements are mapped onto the story
subset (paragraphs, subheadings, quotes, lists, links, emphasis) and the result
goes through ``articles.sanitise``, the one sanitiser, so scripts, event
handlers and ``javascript:`` links never survive whatever the source.
"""

import re
from html import escape

import lxml.html
from lxml import etree

from articles.sanitise import sanitise_html

from .safe_xml import localname

# NITF 3.x body elements with a counterpart in our subset. Anything else that
# is inline (person, org, location, money, chron...) is unwrapped by the
# sanitiser, which keeps its text.
NITF_RENAMES = {
    "hl1": "h2",
    "hl2": "h2",
    "bq": "blockquote",
    "block": "div",
    "credit": "p",
    "pre": "p",
    "dl": "ul",
    "dt": "li",
    "dd": "li",
}
# Removed with their content: pictures we cannot show, and notes meant for
# editors rather than readers.
WHITESPACE = re.compile(r"\s+")
NOT_FOR_READERS = {"media", "note", "ed-msg", "head", "title", "table", "img", "object", "nitf-table"}


def element_to_html(element, *, renames=None, drop=NOT_FOR_READERS):
    """The inner HTML of an XML element (XHTML or NITF), namespaces removed, sanitised."""
    copy = etree.fromstring(etree.tostring(element))
    for node in list(copy.iter()):
        if not isinstance(node.tag, str):
            continue
        name = localname(node)
        if node is not copy and name in drop:
            _remove_keeping_tail(node)
            continue
        node.tag = (renames or {}).get(name, name)
        for attribute in list(node.attrib):
            if attribute != "href":
                del node.attrib[attribute]
        # Source indentation and hard wraps are not meaningful in XML text.
        node.text = WHITESPACE.sub(" ", node.text) if node.text else node.text
        node.tail = WHITESPACE.sub(" ", node.tail) if node.tail else node.tail
    etree.cleanup_namespaces(copy)
    parts = [escape(copy.text or "", quote=False)]
    parts += [etree.tostring(child, method="html", encoding="unicode", with_tail=True) for child in copy]
    return finish_html("".join(parts))


def nitf_body_to_html(body_content):
    return element_to_html(body_content, renames=NITF_RENAMES)


def html_to_story_html(html):
    """Story HTML from an HTML fragment or a whole HTML page."""
    if not html or not html.strip():
        return ""
    if re.search(r"<(html|body)[\s>]", html[:2000], re.IGNORECASE):
        document = lxml.html.document_fromstring(html)
        body = document.find("body")
        if body is None:
            return ""
        for node in body.iter("script", "style", "head", "title"):
            node.drop_tree()
        html = "".join(
            [escape(body.text or "", quote=False)]
            + [lxml.html.tostring(child, encoding="unicode", with_tail=True) for child in body]
        )
    return finish_html(html)


LEADING_H1 = re.compile(r"^(\s*(?:<(?:article|section|div)\b[^>]*>\s*)*)<h1\b[^>]*>.*?</h1>", re.I | re.S)


EMPTY_ELEMENT = re.compile(r"<(a|p|em|strong)\b[^>]*>\s*</\1>")


def finish_html(html):
    """Sanitise, dropping a leading <h1> (it repeats the headline, which the page shows as its
    only h1) and elements left empty once pictures and scripts are gone."""
    cleaned = sanitise_html(LEADING_H1.sub(r"\1", html, count=1))
    previous = None
    while previous != cleaned:
        previous, cleaned = cleaned, EMPTY_ELEMENT.sub("", cleaned)
    return cleaned.strip()


TAG = re.compile(r"</?[a-zA-Z][^<>]{0,200}>")
INDENTED = re.compile(r"^[ \t]+\S")


def text_to_html(text):
    """Paragraphs from plain text.

    Blank lines separate paragraphs. Inside a block, wire copy marks a new
    paragraph by indenting its first line and hard-wraps the rest, so an
    indented line starts a paragraph and other lines are joined; a block made
    of long lines holds one paragraph per line. Wire systems often leave
    stray tags such as <p> in bodies they label text/plain; they are removed
    rather than shown to readers as text.
    """
    text = TAG.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    paragraphs = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if any(len(line) > 120 for line in lines):
            paragraphs.extend(line.strip() for line in lines)
            continue
        current = []
        for index, line in enumerate(lines):
            if index and INDENTED.match(line) and current:
                paragraphs.append(" ".join(current))
                current = []
            current.append(line.strip())
        paragraphs.append(" ".join(current))
    return sanitise_html(
        "\n".join(f"<p>{escape(' '.join(p.split()), quote=False)}</p>" for p in paragraphs if p.strip())
    )


def plain(html_or_text):
    """Text without markup, whitespace collapsed (for headlines and deks)."""
    if not html_or_text:
        return ""
    if "<" in html_or_text or "&" in html_or_text:
        # Through the sanitiser first, so that a <script>'s code is dropped, not kept as text.
        cleaned = sanitise_html(html_or_text)
        if not cleaned:
            return ""
        html_or_text = lxml.html.fragment_fromstring(cleaned, create_parent="div").text_content()
    return " ".join(html_or_text.split())


def _remove_keeping_tail(node):
    parent = node.getparent()
    tail = node.tail or ""
    previous = node.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(node)
