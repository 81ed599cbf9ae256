"""One of every public page type, filled with everything it can show, for the
HTML validity and accessibility checks."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from articles.models import Correction, Outlet, RelatedLink, Section, SourceAttribution, Story
from fronts.models import Banner
from tests.fronts.arranging import LATEST, LEAD, PACKAGE, TOP, arrange, slot
from tests.live import add
from tests.pictures import add_picture


def every_page_type(make_story, europe):
    """Create a small newsroom; return {page type: path}."""
    Section.objects.create(name="Business", slug="business", order=3, description="Markets and companies.")
    # Pictures too: a lead image on the article and on a card, and a figure in the body.
    lead = add_picture("brussels.jpg", size=(1600, 1000), title="Brussels")
    figure = add_picture("chart.png", size=(900, 600), title="Chart", caption="Energy prices since 2020.")
    story = make_story(
        "Ministers meet in Brussels over trade & energy",
        section=europe,
        dek="Talks on tariffs resume after a year.",
        body=(
            "<p>Ministers met on <strong>Tuesday</strong>.</p><h2>What was agreed</h2>"
            "<ul><li>Tariffs</li><li>Energy</li></ul><blockquote><p>A quote.</p></blockquote>"
            '<p>See <a href="https://example.org/report">the report</a>.</p>'
            f'<figure data-image="{figure.pk}"><figcaption>Prices, month by month.</figcaption></figure>'
        ),
        lead_image=lead,
        authors=["Ana Lopez", "Ben Ode"],
        tags=["Trade", "Energy"],
        credit_line="Additional reporting by Reuters",
        story_type=Story.StoryType.ANALYSIS,
    )
    other = make_story(
        "Energy prices fall", tags=["Energy"], authors=["Ana Lopez"], hours_ago=3, lead_image=figure
    )
    make_story("Tariff talks stall", tags=["Trade"], hours_ago=5)
    make_story("Markets open higher", section=Section.objects.get(slug="business"), hours_ago=7)
    Correction.objects.create(story=story, note="An earlier version misnamed a minister.")
    outlet = Outlet.objects.get_or_create(name="Reuters")[0]
    SourceAttribution.objects.create(story=story, outlet=outlet, url="https://example.org/wire")
    RelatedLink.objects.create(story=story, target=other, position=0)
    RelatedLink.objects.create(
        story=story,
        title="Background report",
        url="https://example.org/bg",
        outlet_name="Example",
        position=1,
    )
    live = live_story_with_every_kind_of_update(make_story, other.lead_image)
    # The home page as editors arrange it (a lead with its own headline, a package), under a banner.
    arrange([
        (LEAD, 1, [slot(story, headline="Trade & energy: ministers meet", standfirst="Talks resume.")]),
        (TOP, 2, []),
        (PACKAGE, 2, [other], "Energy in Europe"),
        (LATEST, 4, []),
    ])  # fmt: skip
    Banner.objects.create(text="Ministers reach a deal", link=story.get_absolute_url(),
                          expires_at=timezone.now() + timedelta(hours=1))  # fmt: skip
    # Archive days are the newsroom's (TIME_ZONE), not UTC's.
    day = timezone.localtime(story.publish_at)
    return {
        "home": "/",
        "section": reverse("frontend:section", kwargs={"section": "world"}),
        "subsection": reverse("frontend:section", kwargs={"section": "europe"}),
        "empty section": reverse("frontend:section", kwargs={"section": "business"}) + "?page=1",
        "article": story.get_absolute_url(),
        "tag": reverse("frontend:tag", kwargs={"slug": "trade"}),
        "author": reverse("frontend:author", kwargs={"slug": "ana-lopez"}),
        "search results": reverse("frontend:search") + "?q=energy",
        "search filtered": reverse("frontend:search") + "?q=energy&section=europe&since=2000-01-01",
        "search no results": reverse("frontend:search") + "?q=nothingmatches",
        "search form": reverse("frontend:search"),
        "archive": reverse("frontend:archive"),
        "archive year": reverse("frontend:archive_year", kwargs={"year": day.year}),
        "archive month": reverse("frontend:archive_month", kwargs={"year": day.year, "month": day.month}),
        "archive day": reverse(
            "frontend:archive_day", kwargs={"year": day.year, "month": day.month, "day": day.day}
        ),
        "live story": live.get_absolute_url(),
        "not found": "/no-such-section/",
    }


def live_story_with_every_kind_of_update(make_story, image):
    """Open live coverage with a key event, a picture, a correction and a removed update."""
    story = make_story("Storm makes landfall", story_type=Story.StoryType.LIVE, hours_ago=9)
    add(story, "Winds reach the harbour.", minutes_ago=50, headline="Winds arrive", image=image)
    add(story, "The seafront is evacuated.", minutes_ago=30, key_event=True, author="Ana Lopez")
    corrected = add(story, "Ferries stop.", minutes_ago=20)
    corrected.correct(body="<p>Ferries stop at noon.</p>", note="Time added.")
    add(story, "An unconfirmed report.", minutes_ago=10).withdraw(note="It was not confirmed.")
    return story
