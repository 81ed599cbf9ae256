"""Turning the bodies that wire formats carry into our story HTML.

Every importer ends here: XHTML and NITF elements are mapped onto the story
subset (paragraphs, subheadings, quotes, lists, links, emphasis) and the result
goes through ``articles.sanitise``, the one sanitiser, so scripts, event
handlers and ``javascript:`` links never survive whatever the source.
"""

import re
from html import escape, unescape

import lxml.html
from lxml import etree

from articles.sanitise import SanitisedHtml, sanitise_html
from wire.text.safe_xml import localname

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
NOT_FOR_READERS = {"media", "note", "ed-msg", "head", "title", "img", "object", "nitf-table-metadata",
                   "header", "nav"}  # fmt: skip
# Text that still reads "&#39;" or "&quot;" once the XML is parsed was escaped
# twice by the sender; readers should see the character, not the code.
DOUBLE_ESCAPED = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|quot|apos|amp|lt|gt|nbsp);")


def _repair(text):
    text = WHITESPACE.sub(" ", text)
    return DOUBLE_ESCAPED.sub(lambda match: unescape(match.group()), text) if "&" in text else text


def _rows_as_paragraphs(table):
    """Our story subset has no tables: each row becomes a paragraph, cells separated by
    " | ", and a row of header cells only is set in bold, so results tables (sports
    scores, markets) keep their figures instead of vanishing."""
    rows = []
    for row in (node for node in table.iter() if localname(node) == "tr"):
        cells = [" ".join("".join(c.itertext()).split()) for c in row if localname(c) in ("td", "th")]
        text = " | ".join(cell for cell in cells if cell) if any(cells) else ""
        if text:
            heading = all(localname(cell) == "th" for cell in row if isinstance(cell.tag, str))
            paragraph = etree.Element("p")
            if heading:
                etree.SubElement(paragraph, "strong").text = text
            else:
                paragraph.text = text
            rows.append(paragraph)
    return rows


def _replace_tables(root):
    for table in [node for node in root.iter() if localname(node) in ("table", "nitf-table")]:
        parent = table.getparent()
        if parent is None:
            continue
        index = parent.index(table)
        for offset, paragraph in enumerate(_rows_as_paragraphs(table)):
            parent.insert(index + offset, paragraph)
        _remove_keeping_tail(table)


BLOCK_NAMES = {"p", "h1", "h2", "h3", "h4", "hl2", "li", "blockquote", "bq", "div", "section", "pre"}


def _preformatted_text(element):
    """The text of a body that is one block holding preformatted wire copy (paragraphs marked
    by indented lines and blank lines, as Reuters sends inside a single XHTML <p>), else None."""
    blocks = [node for node in element.iter() if localname(node) in BLOCK_NAMES]
    if len(blocks) > 1:
        return None
    text = "".join(element.itertext())
    if text.count("\n") >= 3 and re.search(r"\n[ \t]*\n", text.strip()) and re.search(r"\n[ \t]+\S", text):
        return text
    return None


KEPT_BREAK = "kept-line-break"


def _keep_preformatted_lines(root):
    """A <pre> (team lists, results) keeps its lines as line breaks; the whitespace
    collapsing that suits other text would run them together."""
    for pre in [node for node in root.iter() if localname(node) == "pre"]:
        tail = pre.tail
        lines = [line.strip() for line in "".join(pre.itertext()).strip().split("\n")]
        for child_node in list(pre):
            pre.remove(child_node)
        pre.text = lines[0] if lines else ""
        for line in lines[1:]:
            etree.SubElement(pre, KEPT_BREAK).tail = line
        pre.tail = tail


SENTENCE_ENDS = (".", "!", "?", ":", ";", '"', "”", "»", ")")


def _join_hard_wraps(root):
    """A <br> inside a sentence ("the <br/>fire situation") is where the wire wrapped its line:
    it goes (its neighbours' spacing stays). A <br> after a full stop, colon or quote is kept."""
    for br in [node for node in root.iter() if localname(node) == "br"]:
        previous = br.getprevious()
        before = (previous.tail if previous is not None else br.getparent().text) or ""
        after = (br.tail or "").strip()
        if before.strip() and after and not before.rstrip().endswith(SENTENCE_ENDS):
            if not before[-1:].isspace() and not br.tail[:1].isspace():
                br.tail = " " + br.tail
            _remove_keeping_tail(br)


def element_to_html(element, *, renames=None, drop=NOT_FOR_READERS):
    """The inner HTML of an XML element (XHTML or NITF), namespaces removed, sanitised."""
    if (text := _preformatted_text(element)) is not None:
        return text_to_html(text)
    copy = etree.fromstring(etree.tostring(element))
    _replace_tables(copy)
    _keep_preformatted_lines(copy)
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
        node.text = _repair(node.text) if node.text else node.text
        node.tail = _repair(node.tail) if node.tail else node.tail
    _join_hard_wraps(copy)
    for kept in copy.iter(KEPT_BREAK):
        kept.tag = "br"
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
        _drop_kicker_after_title(body)
        html = "".join(
            [escape(body.text or "", quote=False)]
            + [lxml.html.tostring(child, encoding="unicode", with_tail=True) for child in body]
        )
    elif not BLOCK_TAG.search(html) and "\n" in html.strip():
        # Feeds often send "HTML" that is text with a line per paragraph and a link or two.
        lines = [line for line in html.split("\n") if line.strip()]
        if all(line.count("<") == line.count(">") for line in lines):
            html = "".join(f"<p>{line}</p>" for line in lines)
    return finish_html(html)


BLOCK_TAG = re.compile(r"<(?:p|div|br|ul|ol|li|h[1-6]|blockquote|table|section|article|pre)\b", re.I)


def _drop_kicker_after_title(body):
    """Pages put a row of labels right under their <h1> (<div><span>Försvar</span><span>TT</span>
    </div>: section and source); the page shows those its own way, so the row goes."""
    title = next(body.iter("h1"), None)
    row = title.getnext() if title is not None else None
    if (
        row is not None
        and row.tag in ("div", "p")
        and len(row)
        and not (row.text or "").strip()
        and all(child.tag == "span" and not (child.tail or "").strip() for child in row)
    ):
        row.drop_tree()


LEADING_H1 = re.compile(r"^(\s*(?:<(?:article|section|div)\b[^>]*>\s*)*)<h1\b[^>]*>.*?</h1>", re.I | re.S)


EMPTY_ELEMENT = re.compile(r"<(a|p|em|strong)\b[^>]*>\s*</\1>")


# A page's <header> holds its headline, slugline and date, and <nav> its menus:
# metadata the story page shows in its own way, not body text.
PAGE_CHROME = ("header", "nav")
MEDIA = ("img", "picture", "video", "audio", "iframe", "embed", "object", "svg")
INLINE = {"a", "strong", "em", "br", "b", "i", "span", "q", "cite", "small", "sub", "sup", "u", "code"}


def finish_html(html):
    """Sanitise, dropping a leading <h1> (it repeats the headline, which the page shows as its
    only h1), page chrome, figures whose picture we cannot show (their caption would describe
    nothing) and elements left empty once pictures and scripts are gone. Loose text and inline
    markup at the top level is put in paragraphs, so every body is made of blocks."""
    cleaned = sanitise_html(_without_chrome(LEADING_H1.sub(r"\1", html, count=1)))
    previous = None
    while previous != cleaned:
        previous, cleaned = cleaned, EMPTY_ELEMENT.sub("", cleaned)
    html = _in_paragraphs(_split_at_blank_lines(cleaned.strip()))
    html = re.sub(r"<p>\s+", "<p>", re.sub(r"\s+</p>", "</p>", html))
    # Only removals and <p> around inline runs since the sanitiser: still within the story
    # subset, so the story's save need not sanitise it a second time (articles/sanitise.py).
    return SanitisedHtml(CODE_TRAILER.sub("", END_MARK.sub("", html)).strip())


# A last paragraph made only of capitals and digits in five or more groups
# ("51 77 03 CRO01 1113 APE4800 GEST"): routing codes the sender's system appended.
CODE_TRAILER = re.compile(r"\s*<p>(?:[A-Z0-9]+\s+){4,}[A-Z0-9]+</p>\s*$")


# Wire copy ends with a marker for the desk ("ends", "-30-", "###"), not for readers.
END_MARK = re.compile(r"\s*<p>\s*(?:ends|end|-30-|#{3}|\(end\)|-0-)\s*\.?\s*</p>\s*$", re.IGNORECASE)


DOUBLE_BREAK = re.compile(r"(?:\s*<br\s*/?>){2,}\s*")
PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)


def _split_at_blank_lines(html):
    """Blogs and CMS exports mark paragraphs with <br><br>: make them paragraphs."""
    if "<br" not in html:
        return html
    html = PARAGRAPH.sub(lambda m: "<p>" + DOUBLE_BREAK.sub("</p><p>", m.group(1)) + "</p>", html)
    if not html.lstrip().startswith("<p>") and DOUBLE_BREAK.search(html):
        # Loose text (wrapped later): the break run still separates paragraphs.
        html = DOUBLE_BREAK.sub("<br><br>", html)
    html = re.sub(r"(?:<br\s*/?>\s*)+</p>", "</p>", re.sub(r"<p>(?:\s*<br\s*/?>)+\s*", "<p>", html))
    return re.sub(r"<p>\s*</p>", "", html)


def _without_chrome(html):
    if not re.search(r"<(?:header|nav|figure|table)\b", html, re.IGNORECASE):
        return html
    wrapper = lxml.html.fragment_fromstring(html, create_parent="div")
    _replace_tables(wrapper)
    for node in list(wrapper.iter(*PAGE_CHROME, "figure")):
        if node.tag in PAGE_CHROME or any(True for _ in node.iter(*MEDIA)):
            node.drop_tree()
    return "".join(
        [escape(wrapper.text or "", quote=False)]
        + [lxml.html.tostring(child, encoding="unicode", with_tail=True) for child in wrapper]
    )


def _in_paragraphs(html):
    """Wrap each run of top-level text and inline elements in a <p>."""
    if not html:
        return html
    wrapper = lxml.html.fragment_fromstring(html, create_parent="div")
    loose = (wrapper.text or "").strip() or any(
        child.tag in INLINE or (child.tail or "").strip() for child in wrapper
    )
    if not loose:
        return html
    parts, run = [], []

    def close_run():
        text = re.sub(r"^(?:\s*<br>)+|(?:<br>\s*)+$", "", "".join(run).strip()).strip()
        if text and re.sub(r"<br\s*/?>", "", text).strip():
            parts.append(f"<p>{text}</p>")
        run.clear()

    run.append(escape(wrapper.text or "", quote=False))
    for child in wrapper:
        tail = escape(child.tail or "", quote=False)
        child.tail = None
        markup = lxml.html.tostring(child, encoding="unicode")
        if (
            child.tag == "br"
            and child.getprevious() is not None
            and child.getprevious().tag == "br"
            and not "".join(run[-1:]).strip()
        ):
            close_run()
        elif child.tag in INLINE:
            run.append(markup)
        else:
            close_run()
            parts.append(markup)
        run.append(tail)
    close_run()
    return "\n".join(parts)


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
    paragraphs = [" ".join(p.split()) for p in paragraphs if p.strip()]
    return sanitise_html("\n".join(_paragraphs_and_lists(paragraphs)))


TEXT_BULLET = re.compile(r"^[*•\-]\s+")


def _paragraphs_and_lists(paragraphs):
    """<p> for each paragraph; two or more in a row that start with "*", "-" or "•" make a list."""
    parts, index = [], 0
    while index < len(paragraphs):
        end = index
        while end < len(paragraphs) and TEXT_BULLET.match(paragraphs[end]):
            end += 1
        if end - index >= 2:
            items = [escape(TEXT_BULLET.sub("", item), quote=False) for item in paragraphs[index:end]]
            parts.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
            index = end
        else:
            parts.append(f"<p>{escape(paragraphs[index], quote=False)}</p>")
            index += 1
    return parts


def without_repeated_headline(html, headline):
    """The body without a subheading that only repeats the headline (NITF senders often
    put the slug or headline again at the top of body.content)."""
    if not html or not headline or "<h" not in html:
        return html
    wrapper = lxml.html.fragment_fromstring(html, create_parent="div")
    for heading in wrapper.iter("h2", "h3"):
        if " ".join(heading.text_content().split()).lower() == " ".join(headline.split()).lower():
            heading.drop_tree()
            return "".join(
                [escape(wrapper.text or "", quote=False)]
                + [lxml.html.tostring(child, encoding="unicode", with_tail=True) for child in wrapper]
            ).strip()
        break
    return html


BYLINE_PARAGRAPH = re.compile(r"^\s*<p>\s*(By\s+[^<.!?]{3,80})</p>\s*")


def leading_byline(html):
    """Names from a byline paragraph ("By Jonathan Underhill") among the first four, and the
    body without it: wire copy often repeats the byline as the first lines of text."""
    from wire.text.bylines import split_byline

    paragraphs = list(re.finditer(r"<p>.*?</p>", html or "", re.S))[:4]
    for paragraph in paragraphs:
        match = BYLINE_PARAGRAPH.match(paragraph.group())
        if match and (names := split_byline(match.group(1))):
            before, after = html[: paragraph.start()].rstrip(), html[paragraph.end() :].lstrip()
            return names, "\n".join(part for part in (before, after) if part)
    return [], html


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
