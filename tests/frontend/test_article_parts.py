"""An article's own parts kept between renders (frontend/article_parts.py): a page rendered
again costs two queries, and what a reader sees is never older than what was saved.

The page cache is off throughout, so every request renders and only the parts are kept."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import workflow
from articles.models import Author
from tests import live
from tests.helpers import page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _every_request_renders(settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0


@pytest.fixture(params=["default cache", "redis"])
def cache_kind(request):
    if request.param == "redis":
        request.getfixturevalue("redis_cache")
    return request.param


def read(client, story):
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def queries_of(client, story):
    with CaptureQueriesContext(connection) as queries:
        read(client, story)
    return len(queries)


def test_a_render_again_reads_only_the_story_and_its_suggestions(client, make_story, cache_kind):
    story = make_story("Harbour reopens", authors=["Ann Lee"], tags=["Harbour"])
    story.corrections.create(note="The harbour reopened on Tuesday.")
    read(client, story)
    assert queries_of(client, story) == 2
    page = read(client, story)
    for shown in ("Harbour reopens", "Ann Lee", "/tag/harbour/", "on Tuesday", "application/ld+json"):
        assert shown in page, shown


def test_off_when_given_no_time(client, make_story, settings):
    settings.NEWSROOM_ARTICLE_PARTS_SECONDS = 0
    story = make_story("Harbour reopens", authors=["Ann Lee"], tags=["Harbour"])
    read(client, story)
    assert queries_of(client, story) == 7  # the story, what it shows (5), "More on this"


@pytest.mark.parametrize(
    "change",
    ["headline", "author renamed", "correction", "tag renamed", "body"],
)
def test_every_change_to_what_the_parts_show_is_seen_on_the_next_render(
    client, make_story, editor, change, cache_kind, django_capture_on_commit_callbacks
):
    story = make_story("Harbour reopens", authors=["Ann Lee"], tags=["Harbour"])
    read(client, story)
    with django_capture_on_commit_callbacks(execute=True):
        if change == "headline":
            story.headline = "Harbour reopens after the storm"
            story.save()
            expected = '<h1 class="story__headline">Harbour reopens after the storm</h1>'
        elif change == "author renamed":
            Author.objects.filter(slug="ann-lee").update(name="Ann Lee-Park")
            author = Author.objects.get(slug="ann-lee")
            author.save()
            expected = "Ann Lee-Park"
        elif change == "correction":
            workflow.correct(story, editor, "The harbour reopened on Tuesday, not Monday.")
            expected = "Tuesday, not Monday"
        elif change == "tag renamed":
            tag = story.tags.get()
            tag.name = "Port"
            tag.save()
            expected = ">Port<"
        else:
            story.body = "<p>Ferries run again from six.</p>"
            story.save()
            expected = '<div class="story__body"><p>Ferries run again from six.</p>'
    assert expected in read(client, story)


def test_a_withdrawn_story_is_gone_at_once(client, make_story, editor, django_capture_on_commit_callbacks):
    story = make_story("Harbour reopens")
    read(client, story)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(story, editor)
    assert client.get(story.get_absolute_url()).status_code == 404


def test_a_link_to_a_scheduled_story_appears_on_the_minute(client, make_story):
    release = timezone.now() + timedelta(minutes=5)
    target = make_story("Tall ship arrives", publish_at=release)
    story = make_story("Harbour reopens")
    story.related_links.create(target=target)
    assert "Tall ship arrives" not in read(client, story)
    assert "Tall ship arrives" not in read(client, story)
    with time_machine.travel(release + timedelta(seconds=1)):
        assert "Tall ship arrives" in read(client, story)


def test_live_coverage_is_rendered_afresh_each_time(client, make_story):
    story = live.live_story(make_story)
    live.add(story, "Winds reach 120 km/h.", minutes_ago=5)
    assert "Winds reach 120 km/h." in read(client, story)
    live.add(story, "The bridge is closed.")
    assert "The bridge is closed." in read(client, story)


def test_a_page_number_on_an_article_changes_neither_its_address_nor_what_is_kept(client, make_story):
    story = make_story("Harbour reopens")
    address = f"https://news.example.org{story.get_absolute_url()}"
    read(client, story)
    with CaptureQueriesContext(connection) as queries:
        tree = page(client.get(story.get_absolute_url() + "?page=3"))
    assert len(queries) == 2, "the parts kept for the story's own address"
    assert tree.xpath("//link[@rel='canonical']/@href") == [address]
    assert tree.xpath("//meta[@property='og:url']/@content") == [address]
