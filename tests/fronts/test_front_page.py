"""Readers see the fronts editors arrange: placed, ordered, scheduled and overridden slots,
each story once, only public stories, and the latest stories in every empty place."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone
from lxml import html

from articles import workflow
from articles.models import Story
from fronts.publishing import publish
from tests.fronts.arranging import LATEST, LEAD, PACKAGE, TOP, arrange, slot

pytestmark = pytest.mark.django_db


def headlines(client, path, zone=None):
    """The story headlines of the front at ``path`` (of one zone kind), top to bottom."""
    tree = html.fromstring(client.get(path).content)
    scope = f"//section[contains(@class, 'zone--{zone}')]" if zone else "//div[contains(@class, 'front')]"
    return [
        text.strip() for text in tree.xpath(f"{scope}//*[contains(@class, 'front-card__headline')]/a/text()")
    ]


def test_a_placed_story_leads_though_newer_ones_exist(client, make_story):
    chosen = make_story("Council passes the budget", hours_ago=30)
    make_story("A minute-old test story", hours_ago=0)
    arrange([(LEAD, 1, [chosen]), (TOP, 4, [])])
    assert headlines(client, "/", "lead") == ["Council passes the budget"]
    assert "A minute-old test story" in headlines(client, "/", "top")


def test_without_an_arranged_front_the_newest_story_leads(client, make_story):
    make_story("Older", hours_ago=5)
    make_story("Newest", hours_ago=1)
    assert headlines(client, "/", "lead") == ["Newest"]


def test_slots_show_in_their_order_and_the_rest_fill_with_the_latest(client, make_story):
    a, b, c = (make_story(name, hours_ago=hours) for name, hours in [("A", 50), ("B", 40), ("C", 60)])
    make_story("Fresh", hours_ago=1)
    arrange([(TOP, 4, [c, a, b])])
    assert headlines(client, "/", "top") == ["C", "A", "B", "Fresh"]


def test_no_story_shows_twice_on_a_front(client, make_story, world):
    story = make_story("Placed everywhere")
    other = make_story("Another")
    arrange(
        [(LEAD, 1, [story]), (TOP, 3, [story, other]), (PACKAGE, 2, [story], "A package"), (LATEST, 4, [])]
    )
    shown = headlines(client, "/")
    assert shown.count("Placed everywhere") == 1
    assert shown.count("Another") == 1


def test_a_slot_overrides_headline_standfirst_and_picture_on_the_front_only(client, make_story, picture):
    story = make_story("Long official headline", dek="The official standfirst.")
    arrange([(LEAD, 1, [slot(story, headline="Short front headline", standfirst="A sharper standfirst.",
                             image=picture)])])  # fmt: skip
    page = client.get("/").content.decode()
    assert headlines(client, "/", "lead") == ["Short front headline"]
    assert "A sharper standfirst." in page and "The official standfirst." not in page
    # The story has no lead picture of its own; the front shows the slot's.
    assert story.lead_image is None
    lead = html.fromstring(page).xpath("//section[contains(@class, 'zone--lead')]//img/@alt")
    assert lead == [picture.alt]
    article = client.get(story.get_absolute_url()).content.decode()
    assert "Long official headline" in article and "Short front headline" not in article


def test_a_scheduled_slot_shows_only_between_its_times(client, make_story):
    now = timezone.now()
    story = make_story("Timed for the evening")
    arrange(
        [(TOP, 2, [slot(story, shown_from=now + timedelta(hours=2), shown_until=now + timedelta(hours=4))])]
    )
    make_story("Filler one")
    make_story("Filler two")
    assert "Timed for the evening" not in headlines(client, "/", "top")
    with time_machine.travel(now + timedelta(hours=3)):
        assert headlines(client, "/", "top")[0] == "Timed for the evening"
    with time_machine.travel(now + timedelta(hours=5)):
        assert "Timed for the evening" not in headlines(client, "/", "top")


def test_a_front_change_shows_only_once_published(
    client, make_story, editor, django_capture_on_commit_callbacks
):
    first, second = make_story("First choice"), make_story("Second choice", hours_ago=3)
    front = arrange([(LEAD, 1, [first])])
    arrange([(LEAD, 1, [second])], published=False)
    assert headlines(client, "/", "lead") == ["First choice"]
    with django_capture_on_commit_callbacks(execute=True):
        publish(front, editor)
    assert headlines(client, "/", "lead") == ["Second choice"]


@pytest.mark.parametrize("hide", ["unpublish", "embargo", "withdraw"])
def test_a_story_that_stops_being_public_leaves_every_front_at_once(
    client, make_story, editor, europe, hide, django_capture_on_commit_callbacks
):
    story = make_story("Leaves the fronts", section=europe)
    arrange([(LEAD, 1, [story])])
    arrange([(LEAD, 1, [story])], section=europe)
    arrange([(TOP, 2, [story])], section=europe.parent)
    pages = ["/", "/europe/", "/world/"]
    for path in pages:
        assert "Leaves the fronts" in headlines(client, path), path  # and now cached
    with django_capture_on_commit_callbacks(execute=True):
        if hide == "unpublish":
            workflow.unpublish(story, editor)
        elif hide == "withdraw":
            workflow.withdraw(story, editor, "Legal advice.")
        else:
            story.embargo_until = timezone.now() + timedelta(hours=6)
            story.save()
    for path in pages:
        assert "Leaves the fronts" not in client.get(path).content.decode(), path


def test_a_scheduled_story_placed_on_a_front_appears_on_the_minute(client, make_story, sport_desk):
    release = timezone.now() + timedelta(minutes=10)
    story = make_story("Released at noon", publish_at=release)  # in World
    make_story("Sport already out", section=sport_desk)
    arrange([(LEAD, 1, [story])], section=sport_desk)
    assert "Released at noon" not in client.get("/sport/").content.decode()
    with time_machine.travel(release + timedelta(seconds=1)):
        assert headlines(client, "/sport/", "lead") == ["Released at noon"]


def test_a_scheduled_story_takes_an_empty_place_on_the_minute(client, make_story, settings):
    # Rendered each time: the front's query, compiled at the first render
    # (articles/compiled.py), must be run for the moment of each.
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    make_story("Out this morning", hours_ago=3)
    release = timezone.now() + timedelta(minutes=10)
    make_story("Released at noon", publish_at=release)
    assert headlines(client, "/", "lead") == ["Out this morning"]
    with time_machine.travel(release - timedelta(seconds=5)):
        assert "Released at noon" not in headlines(client, "/")
    with time_machine.travel(release + timedelta(seconds=1)):
        assert headlines(client, "/", "lead") == ["Released at noon"]


def test_the_section_list_does_not_repeat_the_section_front(client, make_story, world):
    lead = make_story("Section lead", hours_ago=2)
    make_story("Only in the list", hours_ago=30)
    arrange([(LEAD, 1, [lead])], section=world)
    tree = html.fromstring(client.get("/world/").content)
    listed = [text.strip() for text in tree.xpath("//ul[@class='story-list']//h2/a/text()")]
    assert "Section lead" not in listed
    assert headlines(client, "/world/", "lead") == ["Section lead"]


def test_the_home_front_groups_the_rest_by_desk(client, make_story, world, sport_desk):
    make_story("World story", hours_ago=3)
    make_story("Sport story", section=sport_desk, hours_ago=4)
    arrange([(LEAD, 1, []), (LATEST, 4, [])])
    tree = html.fromstring(client.get("/").content)
    desks = [text.strip() for text in tree.xpath("//section[contains(@class, 'zone--desk')]/h2/a/text()")]
    assert desks == ["Sport"]  # the World story leads; Sport's is under its desk
    assert Story.objects.count() == 2


@pytest.fixture
def sport_desk(db):
    from articles.models import Section

    return Section.objects.create(name="Sport", slug="sport", order=3)


def test_cards_say_how_long_ago_today_and_the_date_before_in_the_newsrooms_time_zone(
    client, make_story, settings
):
    settings.TIME_ZONE = "America/Chicago"
    now = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)  # 1 pm in Chicago
    with time_machine.travel(now, tick=False):
        make_story("Two hours old", publish_at=now - timedelta(hours=2))
        make_story("Forty minutes old", publish_at=now - timedelta(minutes=40))
        # 11 pm yesterday in Chicago, though the same day in UTC.
        make_story("Late last night", publish_at=now - timedelta(hours=14))
        tree = html.fromstring(client.get("/").content)
    cards = tree.xpath("//article[contains(@class, 'front-card')]")
    shown = {card.xpath("string(.//h2 | .//h3)").strip(): card.xpath("string(.//time)") for card in cards}
    assert shown == {
        "Forty minutes old": "40 min ago",
        "Two hours old": "2 h ago",
        "Late last night": "9 Mar 2026",
    }
