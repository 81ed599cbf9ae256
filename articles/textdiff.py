"""A word-level diff of text, as an editor reads a change between two versions.

Paragraphs are lined up first; two paragraphs that mostly agree are then compared
word by word, so one changed word is marked alone. Paragraphs that share only a few
words are shown as one removed and one added instead of a patchwork of "the" and
"on". Words keep their punctuation; the spaces between them are kept as they were.
"""

import difflib
import re
from dataclasses import dataclass

SAME, ADDED, REMOVED, CHANGED = "same", "added", "removed", "changed"
# Below this share of common words two paragraphs read as different paragraphs.
PAIRING_RATIO = 0.5
_WORDS = re.compile(r"\S+\s*")  # a word with the spaces after it


@dataclass
class Paragraph:
    kind: str  # SAME, ADDED, REMOVED or CHANGED (some words differ)
    segments: list  # (SAME | ADDED | REMOVED, text), in reading order


def compare_paragraphs(before, after):
    """[Paragraph] from two lists of paragraphs (plain text), in the newer text's order."""
    paragraphs = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = before[i1:i2], after[j1:j2]
        if tag == "equal":
            paragraphs += [Paragraph(SAME, [(SAME, text)]) for text in new]
            continue
        for index in range(max(len(old), len(new))):
            older = old[index] if index < len(old) else None
            newer = new[index] if index < len(new) else None
            if older is not None and newer is not None and _alike(older, newer):
                paragraphs.append(Paragraph(CHANGED, compare_words(older, newer)))
                continue
            if older is not None:
                paragraphs.append(Paragraph(REMOVED, [(REMOVED, older)]))
            if newer is not None:
                paragraphs.append(Paragraph(ADDED, [(ADDED, newer)]))
    return paragraphs


def compare_words(before, after):
    """[(kind, text)] marking the words of ``before`` removed and of ``after`` added.

    Words are compared without the spaces around them; a marked run ends at its last
    word, and the space after it stays unmarked.
    """
    old, new = _WORDS.findall(before), _WORDS.findall(after)
    matcher = difflib.SequenceMatcher(
        None, [w.strip() for w in old], [w.strip() for w in new], autojunk=False
    )
    segments = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _append(segments, SAME, "".join(new[j1:j2]))
            continue
        removed, added = "".join(old[i1:i2]), "".join(new[j1:j2])
        _append(segments, REMOVED, removed.rstrip())
        _append(segments, ADDED, added.rstrip())
        _append(segments, SAME, (added or removed)[len((added or removed).rstrip()) :])
    return segments


def _append(segments, kind, text):
    if not text:
        return
    if segments and segments[-1][0] == kind:
        segments[-1] = (kind, segments[-1][1] + text)
    else:
        segments.append((kind, text))


def _alike(before, after):
    old, new = before.split(), after.split()
    return difflib.SequenceMatcher(None, old, new, autojunk=False).ratio() >= PAIRING_RATIO
