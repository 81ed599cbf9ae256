"""Arranging and publishing fronts for tests, as the desk does (fronts/publishing.py)."""

from fronts.models import Front, Zone
from fronts.publishing import publish


def slot(story, **overrides):
    return {"story": story, **overrides}


def arrange(zones, *, section=None, user=None, published=True):
    """A front of ``zones``: (kind, size, [story or slot(story, headline=...)], title)."""
    front, _ = Front.objects.get_or_create(section=section, defaults={})
    front.zones.all().delete()
    for position, (kind, size, slots, *title) in enumerate(zones, start=1):
        zone = front.zones.create(position=position, kind=kind, size=size, title=title[0] if title else "")
        for place, item in enumerate(slots, start=1):
            item = item if isinstance(item, dict) else slot(item)
            zone.slots.create(position=place, **item)
    if published:
        publish(front, user)
    return front


LEAD, TOP, PACKAGE, LATEST = Zone.Kind.LEAD, Zone.Kind.TOP, Zone.Kind.PACKAGE, Zone.Kind.LATEST
