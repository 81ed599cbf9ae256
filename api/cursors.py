"""Cursor pagination: a page ends with an opaque cursor naming the last row it showed.

Unlike page numbers, a cursor keeps its place while stories are published:
the next page starts after the last row seen, never repeating or skipping
one. Stories are ordered newest first by (publish time, id); the other lists
by id. The cursor is that key, base64-encoded JSON, so clients treat it as
opaque and we may change it.
"""

import base64
import binascii
import json
from datetime import datetime

from django.db.models import Q


class BadParameter(ValueError):
    """A parameter the schema allows but the API cannot use; answered 400 with the reason."""


class BadCursor(BadParameter):
    pass


def encode(*values):
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def decode(cursor):
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise BadCursor("the cursor is not one this API gave out; start again without it") from None
    if not isinstance(values, list):
        raise BadCursor("the cursor is not one this API gave out; start again without it")
    return values


def after_story(cursor):
    """The filter for stories after ``cursor`` in newest-first order."""
    try:
        moment, pk = decode(cursor)
        moment, pk = datetime.fromisoformat(moment), int(pk)
    except (TypeError, ValueError):
        raise BadCursor("the cursor is not one this API gave out; start again without it") from None
    return Q(publish_at__lt=moment) | Q(publish_at=moment, pk__lt=pk)


def story_cursor(story):
    return encode(story.publish_at.isoformat(), story.pk)


def after_id(cursor):
    try:
        [pk] = decode(cursor)
        return Q(pk__gt=int(pk))
    except (TypeError, ValueError):
        raise BadCursor("the cursor is not one this API gave out; start again without it") from None


def page_of(queryset, limit, cursor_of):
    """(rows, cursor of the next page or None): one row more than asked tells whether there is one."""
    rows = list(queryset[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (cursor_of(rows[-1]) if more and rows else None)
