"""``{{ story.publish_at|card_time }}``: a ``<time>`` for list cards (frontend/moments.py)."""

from django import template
from django.utils.html import format_html

from frontend.moments import moment_for_card

register = template.Library()


@register.filter
def card_time(value):
    """Relative for today, a date before, the full time and zone in ``title``.

    A cached page keeps the words it was rendered with, so a moment of today also
    carries when the newsroom's day ends: static/js/relative-times.js keeps
    "12 min ago" current and turns it into the date after midnight.
    """
    if value is None:
        return ""
    shown = moment_for_card(value)
    if not shown.is_today:
        return format_html(
            '<time datetime="{}" title="{}">{}</time>',
            shown.moment.isoformat(timespec="seconds"),
            shown.full,
            shown.text,
        )
    return format_html(
        '<time datetime="{}" title="{}" data-relative data-day-ends="{}" data-date="{}">{}</time>',
        shown.moment.isoformat(timespec="seconds"),
        shown.full,
        shown.day_ends.isoformat(timespec="seconds"),
        shown.date_text,
        shown.text,
    )
