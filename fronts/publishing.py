"""A front's arrangement as data, and publishing it.

The zones and slots editors change are a draft. ``publish()`` copies them into
``Front.published`` as plain data, which is what readers get; saving the front
announces the change (fronts/apps.py), so cached pages showing it go at once.
Each publish is a version (django-reversion): restoring an older version of the
front brings its published arrangement back, which is how a change is undone.
"""

import reversion
from django.db import transaction
from django.utils import timezone


def arrangement(front):
    """The draft of ``front`` (its zones and slots now) as the data ``Front.published`` holds."""
    zones = front.zones.prefetch_related("slots")
    return {
        "zones": [
            {
                "kind": zone.kind,
                "title": zone.title,
                "size": zone.size,
                "slots": [
                    {
                        "story": slot.story_id,
                        "headline": slot.headline,
                        "standfirst": slot.standfirst,
                        "image": slot.image_id,
                        "from": slot.shown_from.isoformat() if slot.shown_from else None,
                        "until": slot.shown_until.isoformat() if slot.shown_until else None,
                    }
                    for slot in zone.slots.all()
                ],
            }
            for zone in zones
        ]
    }


def has_pending_changes(front):
    return front.published != arrangement(front)


def publish(front, user):
    """Show readers the draft of ``front``, as one version saying who published it."""
    with transaction.atomic(), reversion.create_revision():
        front.published = arrangement(front)
        front.published_at = timezone.now()
        front.published_by = user
        front.save()
        reversion.set_user(user)
        reversion.set_comment("Published the front")
