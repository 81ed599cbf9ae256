"""Site search at /search/: what a reader finds, in what order, and what never shows up."""

from datetime import timedelta

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles import search as search_index
from articles.models import Section, Story
from articles.search import SEARCH_CONFIG, story_search_vector
from frontend.search import SearchForm
from tests.helpers import page, texts
from tests.samples import REFERENCE_STORY, needs_samples

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search needs PostgreSQL"
)

RESULT_HEADLINES = "//ol[contains(@class, 'search-results')]//h2"


def search(client, **params):
    return client.get(reverse("frontend:search"), params)


def test_it_finds_a_public_story_by_a_word_of_its_headline(client, make_story):
    make_story("Harbour cranes return to Rotterdam")
    make_story("Parliament debates the budget")

    tree = page(search(client, q="cranes"))

    assert texts(tree, RESULT_HEADLINES) == ["Harbour cranes return to Rotterdam"]


def test_it_needs_every_word_of_the_query(client, make_story):
    make_story("Harbour cranes return", body="<p>Rotterdam port is busy.</p>")
    make_story("Cranes fly south")

    tree = page(search(client, q="cranes Rotterdam"))

    assert texts(tree, RESULT_HEADLINES) == ["Harbour cranes return"]


def test_it_never_finds_stories_readers_cannot_see(client, make_story):
    make_story("Zanzibar draft", status=Story.Status.DRAFT)
    make_story("Zanzibar scheduled", publish_at=timezone.now() + timedelta(hours=2))
    make_story("Zanzibar embargoed", embargo_until=timezone.now() + timedelta(hours=2))
    make_story("Zanzibar public")

    tree = page(search(client, q="Zanzibar"))

    assert texts(tree, RESULT_HEADLINES) == ["Zanzibar public"]


def test_it_highlights_the_words_found_and_escapes_the_rest(client, make_story):
    make_story("Cranes <script>alert(1)</script> & co", body="<p>The cranes came back &amp; stayed.</p>")

    response = search(client, q="cranes")

    content = response.content.decode()
    assert "<script>alert(1)" not in content
    tree = page(response)
    marks = tree.xpath(f"{RESULT_HEADLINES}//mark")
    assert [mark.text_content().lower() for mark in marks] == ["cranes"]
    assert texts(tree, RESULT_HEADLINES) == ["Cranes <script>alert(1)</script> & co"]


def test_it_filters_by_section_and_date(client, make_story, world):
    business = Section.objects.create(name="Business", slug="business")
    make_story("Copper prices in the world", section=world, hours_ago=1)
    make_story("Copper prices in business", section=business, hours_ago=1)
    make_story("Copper prices last month", section=business, hours_ago=24 * 30)

    in_business = page(search(client, q="copper", section="business"))
    recent = page(search(client, q="copper", since=(timezone.localdate() - timedelta(days=2)).isoformat()))
    old = page(search(client, q="copper", until=(timezone.localdate() - timedelta(days=20)).isoformat()))

    assert sorted(texts(in_business, RESULT_HEADLINES)) == [
        "Copper prices in business",
        "Copper prices last month",
    ]
    assert sorted(texts(recent, RESULT_HEADLINES)) == [
        "Copper prices in business",
        "Copper prices in the world",
    ]
    assert texts(old, RESULT_HEADLINES) == ["Copper prices last month"]


def test_it_paginates_results_keeping_the_query(client, make_story, settings):
    settings.NEWSROOM_STORIES_PER_PAGE = 2
    for n in range(5):
        make_story(f"Lighthouse keeper number {n}", hours_ago=n + 1)

    first = page(search(client, q="lighthouse"))
    next_href = first.xpath("//a[@rel='next']/@href")[0]
    second = page(client.get(reverse("frontend:search") + next_href))

    assert len(texts(first, RESULT_HEADLINES)) == 2
    assert "q=lighthouse" in next_href
    assert texts(second, RESULT_HEADLINES) == ["Lighthouse keeper number 2", "Lighthouse keeper number 3"]


def test_an_empty_query_lists_nothing(client, make_story):
    make_story("Anything at all")

    tree = page(search(client, q="   "))

    assert texts(tree, RESULT_HEADLINES) == []
    assert "Type a word" in tree.text_content()


def test_the_header_search_form_sends_q_to_the_search_page(client, make_story):
    make_story("Anything at all")

    tree = page(client.get("/"))

    form = tree.xpath("//header//form[@role='search']")[0]
    assert form.get("method") == "get"
    assert form.get("action") == reverse("frontend:search")
    assert form.xpath(".//input[@name='q']")


@on_postgres
@needs_samples
def test_putin_summit_finds_the_reference_story(client, world):
    call_command("import_stories", str(REFERENCE_STORY), "--publish", "--section", "world", stdout=None)

    tree = page(search(client, q="Putin summit"))

    assert texts(tree, RESULT_HEADLINES)[0] == (
        "Biden Holds Virtual Summit With Putin Amid Fears That Russia Will Invade Ukraine"
    )
    assert tree.xpath(f"{RESULT_HEADLINES}//mark")


@on_postgres
def test_headline_matches_rank_above_dek_and_body_matches(client, make_story):
    body_only = make_story("Weather in the north", body="<p>The glacier summit was closed.</p>", hours_ago=1)
    dek_only = make_story("Mountain rescue", dek="A glacier summit rescue.", hours_ago=2)
    headline = make_story("Glacier summit reopens", body="<p>Nothing else.</p>", hours_ago=3)

    tree = page(search(client, q="glacier summit"))

    assert texts(tree, RESULT_HEADLINES) == [headline.headline, dek_only.headline, body_only.headline]


@on_postgres
def test_the_search_document_follows_edits(client, make_story):
    story = make_story("Old words only")
    story.headline = "Brand new albatross headline"
    story.save()

    assert texts(page(search(client, q="albatross")), RESULT_HEADLINES) == ["Brand new albatross headline"]
    assert texts(page(search(client, q="old words")), RESULT_HEADLINES) == []


@on_postgres
def test_a_rare_word_is_found_through_the_gin_index(make_story, world):
    published = timezone.now() - timedelta(hours=1)
    Story.objects.bulk_create(
        Story(
            headline=f"Filler story {n}",
            slug=f"filler-{n}",
            body="<p>Nothing to see here.</p>",
            section=world,
            status=Story.Status.PUBLISHED,
            publish_at=published,
        )
        for n in range(10_000)
    )
    Story.objects.update(search_vector=story_search_vector())
    make_story("Glacier summit reopens")
    with connection.cursor() as cursor:
        # Rows inserted a moment ago wait in GIN's pending list, which makes the
        # index look dear to the planner; merge them as autovacuum would.
        cursor.execute("SELECT gin_clean_pending_list('story_search_vector_gin'::regclass)")
        cursor.execute("ANALYZE articles_story")
        # At test sizes a full scan (of the table, or along an unselective
        # btree index) can still look cheapest; the question here is whether
        # the GIN index can serve the search, so leave only bitmap scans.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")

    # The match condition as search() writes it, alone: with the whole search, a
    # small test table sometimes makes the publish_at btree look as cheap.
    query = SearchQuery("glacier", search_type="websearch", config=SEARCH_CONFIG)
    plan = Story.objects.published().filter(search_vector=query).explain()

    assert "Bitmap Index Scan on story_search_vector_gin" in plan, plan
    found = SearchForm({"q": "glacier"}).search()
    assert [Story.objects.get(pk=pk).headline for pk in found] == ["Glacier summit reopens"]


def test_a_bad_date_filter_is_reported_not_ignored(client, make_story):
    make_story("Copper prices")

    tree = page(search(client, q="copper", since="last tuesday"))

    assert texts(tree, RESULT_HEADLINES) == []
    errors = texts(tree, "//form[contains(@class, 'search-filters')]//*[@class='form-error']")
    assert errors == ["Enter the date as year-month-day, such as 2026-03-14."]
    assert "Type a word" not in tree.text_content()


def test_a_word_most_stories_contain_ranks_only_the_newest_matches(client, make_story, monkeypatch):
    monkeypatch.setattr(search_index, "MAX_CANDIDATES", 3)
    for days in range(1, 6):
        make_story(f"Harbour report {days}", hours_ago=24 * days)
    tree = page(search(client, q="harbour"))
    assert texts(tree, RESULT_HEADLINES) == ["Harbour report 1", "Harbour report 2", "Harbour report 3"]
    assert texts(tree, "//p[@class='page-header__intro']")[0].startswith("More than 3 results: the newest 3")
    # Narrowing by date reaches the older ones.
    four_days_ago = timezone.localtime(timezone.now() - timedelta(days=4)).date().isoformat()
    older = page(search(client, q="harbour", until=four_days_ago))
    assert texts(older, RESULT_HEADLINES) == ["Harbour report 4", "Harbour report 5"]
    assert texts(older, "//p[@class='page-header__intro']") == ["2 results"]
