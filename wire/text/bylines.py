"""Reading author names out of the byline strings wire services send."""

import re

# "By", "Von", "Par" and friends in front of the names.
LEADING_BY = re.compile(r"^\s*(?:by|von|par|por|di|av)\s+", re.IGNORECASE)
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


def split_byline(byline):
    """Author names from "By Jane Doe and John Roe", "Jane Doe, Some University" or "Jane Doe / NTB".

    A comma separates names only when what follows looks like one: in
    "Aaron J. Staples, Michigan State University" the second part is the
    author's affiliation, not a second author.
    """
    byline = LEADING_BY.sub("", " ".join((byline or "").split()))
    # "Geir Molnes / Faktisk.no": what follows the slash is the outlet, not a person.
    byline = re.sub(r"\s+/\s+[^,;&]*", "", byline)
    names = []
    for group in SEPARATORS.split(byline):
        for index, part in enumerate(group.split(",")):
            raw = " ".join(FILED_FROM.sub("", LEADING_BY.sub("", part)).split()).strip(" ,.;:")
            part = tidy_name(raw)
            if index and not _another_person(part):
                continue
            # Judged before "VR-COM" is tidied into "Vr-Com": desk codes are written in capitals.
            if looks_like_a_name(raw) and part not in names:
                names.append(part)
    return names


def _another_person(part):
    return not (ORGANISATION_WORDS.search(part) or part.lower().startswith("the ") or len(part.split()) > 4)
