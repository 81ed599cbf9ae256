"""Home page, section fronts, tag and author pages."""

import pytest
from django.test import override_settings

from articles.models import Author, Section
from frontend.pagination import CappedPaginator
from tests.helpers import page, texts

pytestmark = pytest.mark.django_db

FRONT_HEADLINES = "//div[contains(@class, 'front')]//*[contains(@class, 'front-card__headline')]"


def test_home_leads_with_the_latest_story_then_sections(client, make_story, world):
    business = Section.objects.create(name="Business", slug="business", order=2)
    for n in range(4):
        make_story(f"World story {n}", hours_ago=10 + n)
        make_story(f"Business story {n}", section=business, hours_ago=20 + n)
    make_story("Freshest story", hours_ago=1)

    tree = page(client.get("/"))
    assert texts(tree, "//section[contains(@class, 'zone--lead')]//h2") == ["Freshest story"]
    assert texts(tree, "//section[contains(@class, 'zone--top')]//h3") == [
        f"World story {n}" for n in range(4)
    ]
    assert texts(tree, "//section[contains(@class, 'zone--desk')]/h2") == ["Business"]
    headlines = texts(tree, "//main//article//h2/a | //main//article//h3/a")
    assert len(headlines) == len(set(headlines)) == 9  # no story shown twice
    assert len(tree.xpath("//h1")) == 1


def test_home_without_stories_says_so(client, db):
    assert "No stories have been published yet" in client.get("/").content.decode()


def test_section_front_includes_sub_sections_newest_first(client, make_story, world, europe):
    make_story("World story", hours_ago=3)
    make_story("Europe story", section=europe, hours_ago=1)
    tree = page(client.get("/world/"))
    assert texts(tree, "//h1") == ["World"]
    assert texts(tree, FRONT_HEADLINES) == ["Europe story", "World story"]
    assert texts(tree, "//ul[@class='subnav']/li") == ["Europe"]

    assert texts(page(client.get("/europe/")), FRONT_HEADLINES) == ["Europe story"]


def fill_the_front(make_story):
    """The five newest stories, which the front (a lead and four) takes; the list starts below."""
    return [make_story(f"On the front {n}", hours_ago=n / 10) for n in range(5)]


@override_settings(NEWSROOM_STORIES_PER_PAGE=2)
def test_section_front_is_paginated(client, make_story):
    on_front = fill_the_front(make_story)
    for n in range(5):
        make_story(f"Story {n}", hours_ago=n + 1)
    first = page(client.get("/world/"))
    assert texts(first, FRONT_HEADLINES) == [story.headline for story in on_front]
    assert texts(first, "//ul[@class='story-list']//h2") == ["Story 0", "Story 1"]
    assert first.xpath("//a[@rel='next']/@href") == ["?page=2"]
    third = page(client.get("/world/?page=3"))
    assert texts(third, "//ul[@class='story-list']//h2") == ["Story 4"]
    assert client.get("/world/?page=9").status_code == 404


@override_settings(NEWSROOM_STORIES_PER_PAGE=2)
def test_section_front_stops_at_its_last_page_and_sends_older_stories_to_the_archive(
    client, make_story, monkeypatch
):
    # Counting a big section's whole archive on every render is what the page limit avoids.
    monkeypatch.setattr(CappedPaginator, "max_pages", 2)
    fill_the_front(make_story)
    for n in range(6):
        make_story(f"Story {n}", hours_ago=n + 1)
    last = page(client.get("/world/?page=2"))
    assert texts(last, "//ul[@class='story-list']//h2") == ["Story 2", "Story 3"]
    assert texts(last, "//nav[@class='pagination']/span") == ["Page 2 of 2"]
    assert last.xpath("//nav[@class='pagination']/a[not(@rel)]/@href") == ["/archive/"]
    assert client.get("/world/?page=3").status_code == 404

    monkeypatch.setattr(CappedPaginator, "max_pages", 3)
    end = page(client.get("/world/?page=3"))
    assert texts(end, "//ul[@class='story-list']//h2") == ["Story 4", "Story 5"]
    assert end.xpath("//nav[@class='pagination']/a[not(@rel)]") == []  # nothing older to send


def test_unknown_section_is_404(client, db):
    assert client.get("/no-such-desk/").status_code == 404


def test_tag_page_lists_tagged_stories(client, make_story):
    make_story("Tagged story", tags=["climate"])
    make_story("Untagged story")
    tree = page(client.get("/tag/climate/"))
    assert texts(tree, "//ul[@class='story-list']//h2") == ["Tagged story"]


def test_topic_pages_show_the_topics_name_as_the_desk_wrote_it(client, make_story):
    story = make_story("Ferry service resumes", tags=["Port Calder", "iPhone"])

    tree = page(client.get("/tag/port-calder/"))
    assert texts(tree, "//h1") == ["Port Calder"]
    assert texts(tree, "//title") == ["Port Calder · The Newsroom Daily"]
    assert texts(page(client.get("/tag/iphone/")), "//h1") == ["iPhone"]
    topics = texts(page(client.get(story.get_absolute_url())), "//ul[@class='tag-list']//a")
    assert sorted(topics) == ["Port Calder", "iPhone"]


def test_a_topic_typed_in_lower_case_gets_a_capital(client, make_story):
    story = make_story("Heat record broken", tags=["climate"])

    assert texts(page(client.get("/tag/climate/")), "//h1") == ["Climate"]
    assert texts(page(client.get(story.get_absolute_url())), "//ul[@class='tag-list']//a") == ["Climate"]


def test_author_page_shows_bio_and_their_stories(client, make_story):
    make_story("Her story", authors=["Mia Chen"])
    make_story("Someone else's story", authors=["Leo Park"])
    Author.objects.filter(slug="mia-chen").update(bio="Mia covers climate.")
    tree = page(client.get("/author/mia-chen/"))
    assert texts(tree, "//h1") == ["Mia Chen"]
    assert "Mia covers climate." in tree.text_content()
    assert texts(tree, "//ul[@class='story-list']//h2") == ["Her story"]


def test_every_page_has_landmarks_skip_link_and_search(client, make_story):
    story = make_story("Any story", tags=["t"], authors=["A B"])
    for url in ["/", "/world/", "/tag/t/", "/author/a-b/", story.get_absolute_url(), "/search/?q=any"]:
        tree = page(client.get(url))
        assert tree.xpath("//a[@class='skip-link']/@href") == ["#main"], url
        assert tree.xpath("//main[@id='main']"), url
        assert tree.xpath("//header") and tree.xpath("//footer") and tree.xpath("//nav"), url
        form = tree.xpath("//form[@role='search']")[0]
        assert form.get("method") == "get" and form.xpath(".//input[@name='q']"), url
