"""The demo newsroom's home front: a curated lead, top stories and a package.

Loaded once. A home front that exists already belongs to the editors, so
``seed_demo`` run again leaves it as they arranged it.
"""

import reversion
from django.db import transaction

from articles.models import Story
from fronts.models import HOME, Front, Zone
from fronts.publishing import publish

LEAD = "port-calder-council-approves-transit-levy-after-seven-hour"
TOP = [
    "calder-bay-shipyard-wins-410-million-ferry-contract-adding",
    "pacific-island-nations-agree-to-pool-patrols-against-illegal",
    "native-mussels-are-quietly-returning-to-the-calder-river",
    "dutch-coastal-towns-test-floating-homes-as-aging-sea",
]
PACKAGE_TITLE = "City Hall this autumn"
PACKAGE = [
    "how-port-calders-new-ranked-choice-ballot-will-work-in",
    "the-transit-levy-is-imperfect-the-council-should-pass-it",
    "statehouse-budget-standoff-leaves-school-districts-guessing",
    "transit-authority-pauses-facial-recognition-pilot-at-three",
]


def seed_home_front(user):
    """Arrange and publish the demo home front unless there is one; whether it did."""
    if Front.objects.filter(place=HOME).exists():
        return False
    stories = {story.slug: story for story in Story.objects.filter(slug__in=[LEAD, *TOP, *PACKAGE])}
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment("Demo front arranged")
        front = Front.objects.create(section=None)
        zones = [
            (Zone.Kind.LEAD, "", 1, [LEAD]),
            (Zone.Kind.TOP, "", 8, TOP),
            (Zone.Kind.PACKAGE, PACKAGE_TITLE, 4, PACKAGE),
            (Zone.Kind.LATEST, "", 4, []),
        ]
        for position, (kind, title, size, slugs) in enumerate(zones, start=1):
            zone = front.zones.create(position=position, kind=kind, title=title, size=size)
            for place, slug in enumerate(slugs, start=1):
                if slug in stories:
                    zone.slots.create(position=place, story=stories[slug])
        zone = front.zones.get(kind=Zone.Kind.LEAD)
        lead = zone.slots.first()
        if lead is not None:
            lead.headline = "Transit levy passes after a seven-hour night at City Hall"
            lead.save()
    publish(front, user)
    return True
