"""The plain-text reference format.

    Headline on the first line

    Paragraphs separated by blank lines. Hard-wrapped lines are joined.

    A short subheading:

    More paragraphs.

    - A bulleted list,
    - one item a line


    Related News
    A title - https://example.org/a-story
    A bare title

An optional "By Jane Doe and John Roe" line right under the headline becomes
the byline.
"""

import re
from html import escape
from pathlib import Path

from wire.items import ImportedLink, ImportedStory, Importer, InvalidSource
from wire.text.decoding import decode_text

RELATED_MARKER = re.compile(r"^related(?: news| stories| articles| links)?\s*:?$", re.IGNORECASE)
BYLINE = re.compile(r"^by\s+(?P<names>[^.!?]{2,100})$", re.IGNORECASE)
RELATED_LINE = re.compile(r"^(?P<title>.+?)\s+[-–—|]\s+(?P<url>https?://\S+)$")
URL = re.compile(r"^https?://\S+$")
BULLET = re.compile(r"^(?:[-*•]\s+)")

# A short line ending in ":" is a subheading, unless it is a sentence that
# introduces a quote or a list ("The statement read:").
INTRODUCING_WORDS = {
    "said", "says", "say", "added", "adds", "read", "reads", "wrote", "writes", "told",
    "stated", "states", "following", "follows", "include", "includes", "including",
    "are", "is", "was", "were", "as", "explained", "noted", "asked", "warned", "tweeted",
}  # fmt: skip
SUBHEADING_MAX_CHARS = 90
SUBHEADING_MAX_WORDS = 12


def is_subheading(line):
    if not line.endswith(":") or line.endswith("::"):
        return False
    text = line[:-1].strip()
    words = text.split()
    if not words or len(text) > SUBHEADING_MAX_CHARS or len(words) > SUBHEADING_MAX_WORDS:
        return False
    if not (text[0].isupper() or text[0].isdigit()):
        return False
    if re.search(r"[.!?]\s", text) or text[0] in "\"“‘'":
        return False
    return words[-1].lower().strip(",;") not in INTRODUCING_WORDS


INDENTED = re.compile(r"^(?:\t| {2,})\S")


def split_blocks(lines):
    """Blocks of stripped lines. A blank line ends a block, and so does an indented line
    (a tab or two spaces), which wire copy uses to start a paragraph without a blank line."""
    blocks, current = [], []
    for line in lines:
        if current and INDENTED.match(line) and not BULLET.match(line.strip()):
            blocks.append(current)
            current = []
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


SENTENCE_ENDS = (".", "!", "?", '"', "”", "»", "'", "’", ")")


def one_paragraph_a_line(lines):
    """Whether the body writes one paragraph a line, with no blank lines between (as many
    producers and e-mail clients do): no blank line inside it, and most lines end a sentence.
    Hard-wrapped text without blank lines rarely ends its lines with a full stop."""
    text = [line.strip() for line in lines]
    while text and not text[-1]:
        text.pop()
    while text and not text[0]:
        text.pop(0)
    if len(text) < 2 or not all(text):
        return False
    ends = sum(line.endswith(SENTENCE_ENDS) for line in text)
    return ends * 2 >= len(text)


def line_blocks(lines):
    """Blocks for a body of one paragraph a line: a line ending a sentence ends its paragraph,
    a subheading stands alone, and bullets stay together as a list."""
    blocks, current = [], []
    for line in (line.strip() for line in lines):
        if not line:
            continue
        if BULLET.match(line):
            current.append(line)
            continue
        if current and BULLET.match(current[-1]):
            blocks.append(current)
            current = []
        if is_subheading(line):
            if current:
                blocks.append(current)
            current = [line]
            continue
        current.append(line)
        if line.endswith(SENTENCE_ENDS):
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def parse_related(lines):
    links = []
    for raw in lines:
        line = BULLET.sub("", raw.strip())
        if not line:
            continue
        if match := RELATED_LINE.match(line):
            links.append(ImportedLink(title=match["title"].strip(), url=match["url"]))
        elif URL.match(line):
            links.append(ImportedLink(title=line, url=line))
        else:
            links.append(ImportedLink(title=line))
    return links


def split_byline(names):
    parts = re.split(r",\s*|\s+and\s+|\s*&\s*", names.strip())
    return [part.strip() for part in parts if part.strip()]


class PlainTextImporter(Importer):
    name = "text"
    extensions = (".txt", ".text")

    def sniff(self, data):
        return data.lstrip()[:1] not in (b"<", b"{", b"[")

    def parse(self, data, origin):
        text = decode_text(data).replace("\r\n", "\n").replace("\r", "\n")
        lines = [line.rstrip() for line in text.split("\n")]
        while lines and not lines[0].strip():
            lines.pop(0)
        if not lines:
            raise InvalidSource("the file is empty")
        headline = " ".join(lines.pop(0).split())
        if len(headline) > 300:
            raise InvalidSource("the first line is too long to be a headline (over 300 characters)")

        body_lines, related = self._split_related(lines)
        authors = []
        while body_lines and not body_lines[0].strip():
            body_lines.pop(0)
        if body_lines and (match := BYLINE.match(body_lines[0].strip())):
            rest = body_lines[1:]
            # The byline stands alone, or heads a body written one paragraph a line.
            if not rest or not rest[0].strip() or one_paragraph_a_line(rest):
                authors = split_byline(match["names"])
                body_lines = rest
        blocks = line_blocks(body_lines) if one_paragraph_a_line(body_lines) else split_blocks(body_lines)

        html = "\n".join(self._render(block) for block in blocks)
        if not html:
            raise InvalidSource("the story has a headline but no body")
        return [
            ImportedStory(
                headline=headline,
                body_html=html,
                authors=authors,
                related=related,
                guid=f"file:{Path(origin).resolve()}",
                format=self.name,
                origin=origin,
            )
        ]

    def _split_related(self, lines):
        """Cut the trailing "Related News" block off the body."""
        for index in range(len(lines) - 1, -1, -1):
            if RELATED_MARKER.match(lines[index].strip()):
                return lines[:index], parse_related(lines[index + 1 :])
        return lines, []

    def _render(self, block):
        parts = []
        if is_subheading(block[0]):
            parts.append(f"<h2>{escape(block[0][:-1].strip(), quote=False)}</h2>")
            block = block[1:]
        # Two or more closing lines starting with "-", "*" or "•" are a list (one alone is a
        # dash opening a quote, as Nordic copy writes); the lines before them a paragraph.
        first_bullet = next((i for i, line in enumerate(block) if BULLET.match(line)), len(block))
        if len(block) - first_bullet >= 2 and all(BULLET.match(line) for line in block[first_bullet:]):
            items = [BULLET.sub("", line) for line in block[first_bullet:]]
            block = block[:first_bullet]
            if block:
                parts.append(f"<p>{escape(' '.join(block), quote=False)}</p>")
            parts.append("<ul>" + "".join(f"<li>{escape(i, quote=False)}</li>" for i in items) + "</ul>")
            return "\n".join(parts)
        if block:
            parts.append(f"<p>{escape(' '.join(block), quote=False)}</p>")
        return "\n".join(parts)
