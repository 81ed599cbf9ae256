"""Previews of stories readers cannot see: for staff in the admin, and by signed link."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.models import Story
from articles.preview import preview_url
from tests.helpers import page, texts


@pytest.fixture
def unpublished(make_story, reporter):
    return make_story(
        "Secret budget plans leak",
        status=Story.Status.IN_REVIEW,
        publish_at=None,
        created_by=reporter,
        body="<h2>What the papers say</h2><blockquote><p>Not for now.</p></blockquote>",
    )


def staff_preview(story):
    return reverse("admin:articles_story_preview", args=[story.pk])


def test_an_editor_previews_an_unpublished_story_as_readers_will_see_it(client, editor, unpublished):
    client.force_login(editor)

    response = client.get(staff_preview(unpublished))

    tree = page(response)
    assert texts(tree, "//h1[@class='story__headline']") == ["Secret budget plans leak"]
    assert texts(tree, "//div[@class='story__body']/h2") == ["What the papers say"]
    assert tree.xpath("//meta[@name='robots']/@content") == ["noindex, nofollow"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"]


def test_a_reporter_previews_their_own_story_but_not_anothers(client, reporter, other_reporter, unpublished):
    client.force_login(reporter)
    assert client.get(staff_preview(unpublished)).status_code == 200

    client.force_login(other_reporter)
    assert client.get(staff_preview(unpublished)).status_code == 404


def test_the_staff_preview_needs_a_login(client, unpublished):
    response = client.get(staff_preview(unpublished))

    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_the_story_itself_stays_hidden_from_readers(client, unpublished):
    assert client.get(unpublished.get_absolute_url()).status_code == 404


def test_a_signed_link_lets_a_colleague_without_an_account_read_it(client, unpublished):
    response = client.get(preview_url(unpublished))

    assert texts(page(response), "//h1[@class='story__headline']") == ["Secret budget plans leak"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_the_admin_offers_the_signed_link(client, editor, unpublished):
    client.force_login(editor)

    link = page(client.get(reverse("admin:articles_story_change", args=[unpublished.pk]))).xpath(
        "//a[@class='shared-preview-link']/@href"
    )[0]
    client.logout()

    assert texts(page(client.get(link)), "//h1") == ["Secret budget plans leak"]


def test_a_signed_link_stops_working_when_it_expires(client, settings, unpublished):
    settings.NEWSROOM_PREVIEW_MAX_AGE = 3600
    link = preview_url(unpublished)

    with time_machine.travel(timezone.now() + timedelta(minutes=59)):
        assert client.get(link).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        assert client.get(link).status_code == 403


def test_a_tampered_link_is_not_found(client, unpublished, make_story):
    other = make_story("Another unpublished story", status=Story.Status.DRAFT, publish_at=None)
    link = preview_url(unpublished)
    pk_part = f"/preview/{unpublished.pk}:"
    assert link.startswith(pk_part)

    forged = link.replace(pk_part, f"/preview/{other.pk}:")

    assert client.get(forged).status_code == 404
    assert client.get(link[:-3] + "abc/").status_code == 404
