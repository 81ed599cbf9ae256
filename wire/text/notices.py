"""Recognising wire items that are not stories for readers: advisories, planning notes,
advertising, picture-only items, and correction notices.

Agencies mark these in the metadata (IPTC genres such as ``genre:Advisory``, an
editorial note "NOT FOR PUBLICATION", a ``planningItem``) or only in the text
("CORRECTION: In a story published ..."). The formats ask here, so every
format gives the same reason in the same words.
"""

import re

# IPTC genre NewsCodes and the plain words agencies use for items meant for editors only.
ADVISORY_GENRES = {
    "advisory", "advisories", "planning", "editorsnote", "editornote", "ednote", "fyi", "budget",
    "newsbudget", "daybook", "agenda", "coverageplan", "mediaadvisory", "notforpublication",
}  # fmt: skip
# "Not for publication" — but "not for publication before 22:00" is an embargo, not an advisory.
NOT_FOR_PUBLICATION = re.compile(
    r"(?:\bnot\s+for\s+(?:broadcast\s+or\s+)?(?:publication|pub)\b|\bfor\s+your\s+information\s+only\b|"
    r"\bfor\s+editors\s+only\b|\bnicht\s+zur\s+ver(?:ö|oe)ffentlichung\b|\bikke\s+for\s+publisering\b)"
    r"(?![^.]{0,40}\b(?:before|until|till|prior|vor|bis|før)\b)",
    re.IGNORECASE,
)
ADVERTISING = re.compile(
    r"^\s*(?:advertisement|advertising|sponsored(?:\s+content)?|promoted|paid\s+(?:post|content)|"
    r"anzeige|annonse|publicidad|publicité)\b",
    re.IGNORECASE,
)
CORRECTION_START = re.compile(
    r"^\W*(?:correction|corrected|clarification|corrective|correcting)\b", re.IGNORECASE
)


def _key(genre):
    return (genre or "").strip().rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower().replace(" ", "")


def advisory_reason(*, genres=(), notes=()):
    """Why the item is for editors only ("" when it is a story): an advisory genre, or a
    note saying it is not for publication."""
    for genre in genres:
        if _key(genre) in ADVISORY_GENRES:
            return f"an editors' advisory (genre {_key(genre)!r}), not for publication"
    for note in notes:
        if note and NOT_FOR_PUBLICATION.search(note):
            return "marked not for publication (an advisory or planning note)"
    return ""


def is_advertising(*texts):
    return any(text and ADVERTISING.match(text) for text in texts)


def looks_like_correction(text):
    """Whether a text (a notice's body, in plain words) opens as a correction notice does."""
    return bool(CORRECTION_START.match(text or ""))
