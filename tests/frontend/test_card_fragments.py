"""Story cards are kept between renders (frontend/card_fragments.py) and still show every change at once.

With the page cache off, so that each request renders its page and only the
cards' fragments are kept: whatever a card shows that changes (the story, its
section, its authors, its picture) shows on the next render, and its time
stays current."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from lxml import html

from articles.models import Author
from tests.pictures import add_picture

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _pages_rendered_every_time(settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0


def cards(client, path):
    page = html.fromstring(client.get(path).content)
    shown = page.xpath("//article[contains(@class, 'card')]")
    return [" ".join(card.text_content().split()) for card in shown]


def test_a_second_render_shows_the_same_cards_from_the_cache(client, make_story, settings):
    settings.CACHES = {"default": {"BACKEND": "tests.counting_cache.CountingCache"}}
    from tests.counting_cache import CountingCache

    for n in range(6):
        make_story(f"Harbour story {n}", authors=["Ada Reporter"], hours_ago=n + 1)
    first = cards(client, "/world/")
    CountingCache.calls.clear()
    assert cards(client, "/world/") == first
    assert "set" not in CountingCache.calls  # nothing rendered afresh, nothing stored


def test_cards_used_lately_are_read_from_the_process_not_the_shared_cache(client, make_story, settings):
    settings.CACHES = {"default": {"BACKEND": "tests.counting_cache.CountingCache"}}
    from tests.counting_cache import CountingCache

    for n in range(6):
        make_story(f"Harbour story {n}", hours_ago=n + 1)
    first = cards(client, "/world/")
    CountingCache.keys_read.clear()
    assert cards(client, "/world/") == first
    assert not [key for key in CountingCache.keys_read if "card:" in key]


def test_edits_to_what_a_card_shows_appear_on_the_next_render(client, make_story, world):
    story = make_story("Harbour reopens", authors=["Ada Reporter"])
    picture = add_picture("harbour.jpg", size=(1600, 1000))
    story.lead_image = picture
    story.save()
    author = Author.objects.get(name="Ada Reporter")

    def shows(text, *, markup=False):
        for path in ("/", "/world/"):
            if markup:
                assert text in client.get(path).content.decode(), path
            else:
                assert any(text in card for card in cards(client, path)), path

    shows("Harbour reopens")
    # One change at a time: the story, then each thing a card shows besides it.
    changes = [
        (story, "headline", "Harbour reopens after the storm", "Harbour reopens after the storm"),
        (author, "name", "Ada Lovelace-Reporter", "Ada Lovelace-Reporter"),
        (world, "name", "Planet", "Planet"),
        (picture, "alt_text", "Boats at first light", 'alt="Boats at first light"'),
    ]
    for instance, field, value, shown in changes:
        setattr(instance, field, value)
        instance.save()
        shows(shown, markup=instance is picture)


def test_a_cards_time_is_current_on_every_render(client, make_story):
    published = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)
    with time_machine.travel(published + timedelta(minutes=5), tick=False):
        make_story("Harbour reopens", publish_at=published)
        assert any("5 min ago" in card for card in cards(client, "/world/"))
    with time_machine.travel(published + timedelta(minutes=50), tick=False):
        assert any("50 min ago" in card for card in cards(client, "/world/"))


def test_search_results_show_edits_and_their_own_marks(client, make_story):
    story = make_story("Harbour reopens", authors=["Ada Reporter"])
    assert "<mark>Harbour</mark> reopens" in client.get("/search/?q=harbour").content.decode()
    assert "Harbour <mark>reopens</mark>" in client.get("/search/?q=reopens").content.decode()
    story.headline = "Harbour reopens after the storm"
    story.save()
    assert "<mark>Harbour</mark> reopens after the storm" in client.get("/search/?q=harbour").content.decode()
