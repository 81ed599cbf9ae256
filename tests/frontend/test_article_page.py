"""The article page: what readers see, stable addresses, and its query budget."""

from datetime import datetime, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles.models import Correction, Outlet, Section
from tests.helpers import page, texts

pytestmark = pytest.mark.django_db


def machine_times(tree, xpath):
    """The datetimes in <time datetime> attributes, to the second."""
    return [datetime.fromisoformat(value) for value in tree.xpath(xpath)]


def test_it_shows_the_story(client, make_story):
    story = make_story(
        "Harbour reopens after storm",
        publish_at=timezone.now().replace(microsecond=0) - timedelta(hours=1),
        dek="Ferries resume on Monday.",
        body="<p>First.</p><h2>What next</h2><blockquote><p>“We are ready,” she said.</p></blockquote>",
        authors=["Ana Ruiz", "Tom Lee"],
        tags=["weather", "transport"],
        story_type="analysis",
    )
    tree = page(client.get(story.get_absolute_url()))
    assert texts(tree, "//h1") == ["Harbour reopens after storm"]
    assert texts(tree, "//p[@class='story__dek']") == ["Ferries resume on Monday."]
    assert texts(tree, "//p[@class='story__byline']") == ["By Ana Ruiz and Tom Lee"]
    assert machine_times(tree, "//p[@class='story__dates']/time/@datetime") == [story.publish_at]
    assert "Analysis" in texts(tree, "//p[@class='kicker']")[0]
    assert texts(tree, "//div[@class='story__body']/h2") == ["What next"]
    assert texts(tree, "//div[@class='story__body']/blockquote") == ["“We are ready,” she said."]
    assert sorted(texts(tree, "//ul[@class='tag-list']/li")) == ["Transport", "Weather"]


def test_it_shows_corrections_with_dates_and_the_updated_time(client, make_story):
    story = make_story("A story with a mistake")
    when = timezone.now().replace(microsecond=0)
    Correction.objects.create(story=story, note="An earlier version misspelled the mayor’s name.",
                              published_at=when)  # fmt: skip
    story.updated_at = when
    story.save()
    tree = page(client.get(story.get_absolute_url()))
    notes = texts(tree, "//aside[@class='story__corrections']//li")
    assert len(notes) == 1 and "misspelled the mayor’s name" in notes[0]
    assert machine_times(tree, "//span[@class='story__updated']/time/@datetime") == [when]


def test_it_escapes_text_fields(client, make_story):
    story = make_story("<script>alert(1)</script> headline", dek="<img src=x onerror=alert(2)>")
    content = client.get(story.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in content and "&lt;script&gt;alert(1)" in content
    assert "<img src=x" not in content


def test_it_stores_the_body_sanitised(make_story):
    story = make_story(
        body='<p onclick="x()">Hi <a href="javascript:alert(1)">link</a></p><script>bad()</script>'
    )
    assert story.body == '<p>Hi <a rel="noopener noreferrer">link</a></p>'


def test_a_slug_change_keeps_the_old_address_working(client, make_story):
    story = make_story("Original headline")
    old_url = story.get_absolute_url()
    story.headline = "Sharper headline"
    story.slug = "sharper-headline"
    story.save()

    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == story.get_absolute_url()
    assert client.get(story.get_absolute_url()).status_code == 200


def test_two_slug_changes_still_redirect_the_first_address(client, make_story):
    story = make_story("First")
    first_url = story.get_absolute_url()
    for slug in ["second", "third"]:
        story.slug = slug
        story.save()
    response = client.get(first_url)
    assert response.status_code == 301 and response["Location"].endswith("/third/")


def test_a_section_move_redirects_to_the_new_address(client, make_story, europe):
    story = make_story("Moving story")
    old_url = story.get_absolute_url()
    story.section = europe
    story.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == story.get_absolute_url()
    assert "/europe/" in story.get_absolute_url()


def test_an_unknown_story_gets_the_friendly_404(client, world):
    response = client.get("/world/2020/01/01/no-such-story/")
    assert response.status_code == 404
    assert "We can’t find that page" in response.content.decode()


def test_query_count_does_not_grow_with_related_data(client, make_story, django_assert_num_queries, settings):
    """The page costs the same whether a story has one of everything or many."""
    small = make_story("Small story", authors=["One Author"], tags=["one"])
    big = make_story(
        "Big story",
        authors=[f"Author {n}" for n in range(6)],
        tags=[f"tag{n}" for n in range(10)],
    )
    outlets = list(Outlet.objects.all()[:6])
    small.sources.create(outlet=outlets[0])
    for n, outlet in enumerate(outlets):
        big.sources.create(outlet=outlet, position=n)
    targets = [make_story(f"Target {n}") for n in range(5)]
    for n, target in enumerate(targets):
        big.related_links.create(target=target, position=n)
        big.related_links.create(title=f"Outside {n}", url=f"https://example.org/{n}", position=10 + n)
        big.corrections.create(note=f"Correction {n}")
    small.related_links.create(target=targets[0])
    small.corrections.create(note="Only correction")
    Section.objects.create(name="Extra", slug="extra")

    # With the page cache off. A story's first render (nothing kept): 1 the story with its
    # section and picture; what its own parts show (frontend/article_parts.py): 2 bylines+
    # authors, 3 tags, 4 corrections, 5 sources+outlets, 6 related links+targets+their sections;
    # 7 "More on this" as kept (articles/suggestions.py) and, for its first scoring, the
    # candidates, keeping the list and marking the lists of the stories it picks for rescoring
    # (in a test's transaction, a savepoint's two); the navigation's sections and the banner
    # (frontend/site_chrome.py). Then, its parts kept: the story and "More on this". With
    # nothing kept but the list: 9.
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    for story in (small, big):
        cache.clear()
        with django_assert_num_queries(14):
            assert client.get(story.get_absolute_url()).status_code == 200
        with django_assert_num_queries(2):
            assert client.get(story.get_absolute_url()).status_code == 200
        cache.clear()
        with django_assert_num_queries(9):
            assert client.get(story.get_absolute_url()).status_code == 200
