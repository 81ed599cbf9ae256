"""Reading the timestamps of wire formats into timezone-aware datetimes."""

import re
from datetime import datetime

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
