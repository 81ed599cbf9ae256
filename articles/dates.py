"""Days and moments in the newsroom's time zone (``TIME_ZONE``)."""

from datetime import date, datetime, time

from django.utils import timezone


def start_of_day(day: date) -> datetime:
    """The first moment of ``day`` in the newsroom's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def as_aware(moment: datetime) -> datetime:
    """``moment``, read in the newsroom's time zone when it carries none."""
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment
