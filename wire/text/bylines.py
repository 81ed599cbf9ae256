"""Reading author names out of the byline strings wire services send."""

import re
from dataclasses import dataclass, field

# "By", "Von", "Par" and friends in front of the names, as wire copy writes them: "BY: Jane Doe",
# "Byline: Jane Doe", "Story by Jane Doe", "Reporting by Jane Doe".
LEADING_BY = re.compile(
    r"^\s*(?:(?:byline|(?:written|story|words|text|report(?:ed|ing)?|additional\s+reporting)\s+by|"
    r"by|von|par|por|di|av)\b\s*:?\s*)+",
    re.IGNORECASE,
)
# Reuters' trailer "Reporting by A; Editing by B": editors are not authors of the story.
NOT_AUTHORS = re.compile(r"^\s*(?:editing|edited|compiled|graphics?|photos?|pictures?)\s+by\b", re.IGNORECASE)
# "jane@example.org (Jane Doe)" (RSS <author>), "Jane Doe <jane@example.org>", a bare address.
EMAIL_THEN_NAME = re.compile(r"^\s*\S+@\S+\s*\((?P<name>[^()]+)\)\s*$")
NAME_THEN_EMAIL = re.compile(r"^\s*(?P<name>[^<>@]+?)\s*<\S+@\S+>\s*$")
BARE_EMAIL = re.compile(r"^\s*(?:mailto:)?\S+@\S+\s*$")
# "AP Staff", "Gazette staff reports": the organisation is what is credited.
STAFF = re.compile(r"(?:^|\s+)(?:staff(?:\s+(?:reports?|writers?))?|wire\s+reports?)\s*$", re.IGNORECASE)
# Words that make a byline an organisation (a paper, an agency, a desk) rather than a person.
NEWS_ORGANISATION = re.compile(
    r"\b(press|presse|news|newswire|wire|wires|times|gazette|herald|tribune|journal|chronicle|"
    r"telegraph|courier|observer|agency|agence|bureau|staff|newsroom|network|media|radio|"
    r"television|broadcasting|reuters|bloomberg|afp|ap|dpa|ntb|ansa|efe|inc|ltd|llc|gmbh)\b",
    re.IGNORECASE,
)
# "David Smith in Washington": where the reporter filed from is not part of the name.
FILED_FROM = re.compile(r"\s+in\s+[A-Z][\w .'-]*$")
SEPARATORS = re.compile(r"\s+(?:and|und|et|y|e|och)\s+|\s*&\s*|\s*;\s*|\s+with\s+", re.IGNORECASE)
ORGANISATION_WORDS = re.compile(
    r"\b(university|college|institute|agency|press|news|times|post|database|council|ministry|"
    r"department|school|foundation|association|society|bureau|staff|desk|writer|correspondent|"
    r"editor|reporter|inc|ltd|llc|gmbh)\b",
    re.IGNORECASE,
)


def looks_like_a_name(text):
    """Whether ``text`` can be a person's (or agency's) name, not initials or a slug."""
    if not text or "/" in text or "@" in text or len(text) > 80 or not re.search(r"[^\W\d_]", text):
        return False
    words = text.split()
    if text == text.lower():
        return False
    # "The Sports Network", "The Associated Press": an organisation, not a person.
    if len(words) > 1 and words[0].lower() in ("the", "der", "die", "das", "le", "la", "les", "el"):
        return False
    # "VRG", "AP": desk initials, and "VR-COM", "A3576": desk codes, not names.
    return not (len(words) == 1 and text.isupper() and (len(text) <= 4 or not text.isalpha()))


def tidy_name(name):
    """Collapse whitespace; "BERNARD CONDON" (wire caps) becomes "Bernard Condon"."""
    name = " ".join(name.split()).strip(" ,.;:")
    if name.isupper() and len(name) > 4:
        name = " ".join(part.capitalize() if part.isalpha() else part.title() for part in name.split())
    return name


@dataclass
class Credits:
    """What a byline credits: people (authors) and organisations (sources, never authors)."""

    people: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)


def without_email(text):
    """The name in "jane@example.org (Jane Doe)" or "Jane Doe <jane@…>"; "" for a bare address."""
    text = text or ""
    if match := EMAIL_THEN_NAME.match(text) or NAME_THEN_EMAIL.match(text):
        return match["name"]
    return "" if BARE_EMAIL.match(text) else text


def is_organisation(name):
    """Whether a credited name is a news organisation ("The Kelsby Gazette", "Reuters Staff")."""
    words = name.split()
    return bool(NEWS_ORGANISATION.search(name)) or (len(words) > 1 and words[0].lower() == "the")


def read_byline(byline):
    """People and organisations credited by a byline, each once, in order.

    "By The Kelsby Gazette" or "Jane Doe, Associated Press" credit an
    organisation: it is a source of the story, never an author.
    """
    credits = Credits()
    text = " ".join(without_email(byline or "").split())
    for segment in re.split(r"\s*;\s*", text):
        if not segment or NOT_AUTHORS.match(segment):
            continue
        for name in _people(segment):
            if name not in credits.people:
                credits.people.append(name)
        for part in re.split(r"\s+/\s+|,", LEADING_BY.sub("", segment)):
            for piece in SEPARATORS.split(part):
                name = tidy_name(STAFF.sub("", LEADING_BY.sub("", piece)))
                if name and is_organisation(name) and name not in credits.organisations:
                    credits.organisations.append(name)
    return credits


def split_byline(byline):
    """Author names from "By Jane Doe and John Roe", "Jane Doe, Some University" or "Jane Doe / NTB"."""
    return read_byline(byline).people


def _people(byline):
    """The people of one byline segment.

    A comma separates names only when what follows looks like one: in
    "Aaron J. Staples, Michigan State University" the second part is the
    author's affiliation, not a second author.
    """
    byline = LEADING_BY.sub("", " ".join(without_email(byline or "").split()))
    # "Geir Molnes / Faktisk.no": what follows the slash is the outlet, not a person.
    byline = re.sub(r"\s+/\s+[^,;&]*", "", byline)
    names = []
    for group in SEPARATORS.split(byline):
        for index, part in enumerate(group.split(",")):
            raw = " ".join(FILED_FROM.sub("", LEADING_BY.sub("", without_email(part))).split()).strip(" ,.;:")
            part = tidy_name(raw)
            if index and not _another_person(part):
                continue
            if is_organisation(raw):
                continue  # "Reuters", "AP Staff": a source (read_byline), never an author
            # Judged before "VR-COM" is tidied into "Vr-Com": desk codes are written in capitals.
            if looks_like_a_name(raw) and part not in names:
                names.append(part)
    return names


def _another_person(part):
    return not (ORGANISATION_WORDS.search(part) or part.lower().startswith("the ") or len(part.split()) > 4)
