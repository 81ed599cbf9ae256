"""When a story appeared, as a reader scanning a list wants it: "12 min ago" today, a date before.

"Today" is the newsroom's calendar day (``TIME_ZONE``), the same one story
addresses and the archive use, not the reader's or the server's.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from django.utils import timezone
from django.utils.dateformat import format as format_date

from articles.dates import start_of_day

DATE_FORMAT = "j M Y"
FULL_FORMAT = "j F Y, H:i T"


@dataclass(frozen=True)
class Moment:
    """What a card shows for one time, and what a script needs to keep it current."""

    moment: datetime
    text: str  # "12 min ago" today, "30 Nov 2026" before
    full: str  # "1 December 2026, 13:05 EST", for the title and readers who hover
    date_text: str  # what ``text`` becomes once the newsroom's day is over
    day_ends: datetime | None  # the newsroom's next midnight, for a moment of today; else None

    @property
    def is_today(self):
        return self.day_ends is not None


def relative_age(moment: datetime, now: datetime) -> str:
    """ "Just now", "12 min ago", "2 h ago": the age of a moment of today."""
    minutes = int((now - moment).total_seconds() // 60)
    if minutes < 1:
        return "Just now"
    if minutes < 60:
        return f"{minutes} min ago"
    return f"{minutes // 60} h ago"


def moment_for_card(moment: datetime, now: datetime | None = None) -> Moment:
    local, date_text, full = _formatted(moment, timezone.get_current_timezone_name())
    now = timezone.localtime(now or timezone.now())
    today = now.date()
    if local.date() == today:
        day_ends = start_of_day(today + timedelta(days=1))
        text = relative_age(local, now)
    else:
        day_ends = None
        text = date_text
    return Moment(local, text, full, date_text, day_ends)


@lru_cache(maxsize=20_000)
def _formatted(moment, zone_name):
    """The local time and its two written forms, which never change: Django's date
    formatting is slow, and a list page formats the same publish times on every render."""
    local = timezone.localtime(moment)
    return local, format_date(local, DATE_FORMAT), format_date(local, FULL_FORMAT)
