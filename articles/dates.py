"""Days and moments in the newsroom's time zone (``TIME_ZONE``)."""

from datetime import date, datetime, time

from django.utils import timezone


def start_of_day(day: date) -> datetime:
    """The first moment of ``day`` in the newsroom's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def as_aware(moment: datetime) -> datetime:
    """``moment``, read in the newsroom's time zone when it carries none."""
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def moment(value, now=None):
    """``value`` as the desk reads times, in the newsroom's time zone: "Tue 1 Dec, 13:13".

    The year is added when it is not the current one. Every admin message and
    page says times this way (the ``moment`` template filter, desk/templatetags).
    """
    if value is None:
        return ""
    local = timezone.localtime(value)
    now = timezone.localtime(now or timezone.now())
    day = f"{local:%a} {local.day} {local:%b}"
    if local.year != now.year:
        day += f" {local.year}"
    return f"{day}, {local:%H:%M}"
