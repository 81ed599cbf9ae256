"""Reading the timestamps of wire formats into timezone-aware datetimes."""

import re
from datetime import datetime
from email.utils import parsedate_to_datetime

from django.utils import timezone

# ISO 8601 "basic" form used by NITF: 20020225T143000-0500, 20151210T191044Z.
BASIC = re.compile(r"^(\d{8})(?:T(\d{2})(\d{2})?(\d{2})?(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$")
# An offset without a colon (+0000), which datetime.fromisoformat reads only from Python 3.11 on.
OFFSET_WITHOUT_COLON = re.compile(r"([+-]\d{2})(\d{2})$")


def parse_datetime(value):
    """A timezone-aware datetime, or None when ``value`` is empty or unreadable.

    A time without an offset is taken to be in the site's time zone.
    """
    value = (value or "").strip()
    if not value:
        return None
    if match := BASIC.match(value):
        day, hour, minute, second, zone = match.groups()
        text = f"{day[:4]}-{day[4:6]}-{day[6:]}T{hour or '00'}:{minute or '00'}:{second or '00'}"
        value = text + ("+00:00" if zone == "Z" else (zone or ""))
    value = value.replace("Z", "+00:00") if value.endswith("Z") else value
    value = OFFSET_WITHOUT_COLON.sub(r"\1:\2", value) if "T" in value or " " in value else value
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


# RFC 822 dates that feeds write in their own language ("Seg, 24 Set 2018 19:42:40 -0300",
# "Di, 05 Mär 2024 ..."): month abbreviations of the languages wire feeds use, by month number.
LOCAL_MONTHS = {
    1: ("jan", "ene", "gen", "janv", "jän"),
    2: ("fev", "feb", "fév", "févr", "fevr"),
    3: ("mar", "mär", "mrz", "mars", "março", "marzo"),
    4: ("abr", "apr", "avr", "avril"),
    5: ("mai", "may", "mag", "mei"),
    6: ("jun", "juin", "giu"),
    7: ("jul", "juil", "lug"),
    8: ("ago", "aug", "aoû", "août", "aout"),
    9: ("set", "sep", "sept"),
    10: ("out", "oct", "okt", "ott"),
    11: ("nov",),
    12: ("dez", "dic", "déc", "dec", "des"),
}
# Zone names email.utils does not know, as European feeds write them.
LOCAL_ZONES = {"MEZ": "+0100", "CET": "+0100", "MESZ": "+0200", "CEST": "+0200", "BST": "+0100",
               "WEZ": "+0000", "WET": "+0000", "WEST": "+0100", "EET": "+0200", "EEST": "+0300"}  # fmt: skip
ENGLISH_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
RFC822_LIKE = re.compile(
    r"^(?:[^\W\d]+\.?,?\s+)?(\d{1,2})\.?\s+([^\W\d]+)\.?\s+(\d{2,4})\s+(\d{1,2}:\d{2}(?::\d{2})?)\s*(.*)$"
)


def parse_rfc822(value):
    """A timezone-aware datetime from an RFC 822 date in English or in another language, or None."""
    match = RFC822_LIKE.match(" ".join((value or "").split()))
    if not match:
        return None
    day, month_name, year, time, zone = match.groups()
    month = next(
        (number for number, names in LOCAL_MONTHS.items() if month_name.lower() in names),
        None,
    )
    if month is None:
        return None
    try:
        zone = LOCAL_ZONES.get(zone.upper(), zone) or "+0000"
        moment = parsedate_to_datetime(f"{day} {ENGLISH_MONTHS[month - 1]} {year} {time} {zone}")
    except (TypeError, ValueError):
        return None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


# A 12-hour clock time, as US feeds write pubDate: "03:15:00 PM", "3:15 p.m.".
MERIDIEM = re.compile(r"\b(\d{1,2})(:\d{2}(?::\d{2})?)\s*([ap])\.?\s?m\b\.?", re.IGNORECASE)
# "March 3, 2026 3:15 PM EST" (month first, as US publishers write it).
MONTH_FIRST = re.compile(r"^(?:[^\W\d]+,?\s+)?([^\W\d]+)\.?\s+(\d{1,2}),?\s+(\d{4}),?\s+(.*)$")


def has_twelve_hour_clock(value):
    return bool(MERIDIEM.search(value or ""))


def parse_twelve_hour(value):
    """A timezone-aware datetime from a date whose time says AM or PM, or None.

    Feed parsers that expect RFC 822 read "03:15:00 PM" as a quarter past three
    in the morning; the marker is turned into a 24-hour time first, then the
    date is read as RFC 822 ("Tue, 03 Mar 2026 15:15:00 -0500"), month-first
    ("March 3, 2026 15:15 EST") or ISO 8601 ("2026-03-03 15:15").
    """
    value = " ".join((value or "").split())
    match = MERIDIEM.search(value)
    if not match:
        return None
    hour, rest, marker = int(match[1]), match[2], match[3].lower()
    if not 1 <= hour <= 12:
        return None
    hour = hour % 12 + (12 if marker == "p" else 0)
    value = f"{value[: match.start()]}{hour:02d}{rest}{value[match.end() :]}".strip()
    if moment := parse_rfc822(value):
        return moment
    if month_first := MONTH_FIRST.match(value):
        month_name, day, year, rest = month_first.groups()
        if moment := parse_rfc822(f"{day} {month_name[:3]} {year} {rest}"):
            return moment
    return parse_datetime(value.replace(" ", "T", 1) if re.match(r"^\d{4}-\d{2}-\d{2} ", value) else value)
