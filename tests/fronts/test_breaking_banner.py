"""The breaking-news banner: on every public page until it expires, then gone, with no job to run."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from fronts.models import Banner

pytestmark = pytest.mark.django_db


def max_age(response):
    return int(re.search(r"(?:^|[ ,])max-age=(\d+)", response["Cache-Control"])[1])


def test_the_banner_shows_on_every_public_page_until_it_expires(client, make_story):
    story = make_story("Harbour reopens")
    expires = timezone.now() + timedelta(minutes=30)
    Banner.objects.create(
        text="Bridge closed after ship strike", link=story.get_absolute_url(), expires_at=expires
    )
    pages = ["/", "/world/", story.get_absolute_url(), "/search/?q=harbour", "/no-such-page/"]
    for path in pages:
        assert "Bridge closed after ship strike" in client.get(path).content.decode(), path
    home = client.get("/")
    assert home["X-Cache"] == "hit"
    assert 0 < max_age(home) <= 30 * 60  # the cached copy goes when the banner does
    with time_machine.travel(expires + timedelta(seconds=1)):
        for path in pages:
            assert "Bridge closed after ship strike" not in client.get(path).content.decode(), path


def test_a_new_banner_shows_on_cached_pages_at_once(client, make_story, django_capture_on_commit_callbacks):
    story = make_story("Harbour reopens")
    for path in ("/", story.get_absolute_url()):
        client.get(path)
        assert client.get(path)["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        Banner.objects.create(text="Polls have closed", expires_at=timezone.now() + timedelta(hours=1))
    for path in ("/", story.get_absolute_url()):
        response = client.get(path)
        assert "Polls have closed" in response.content.decode()
        assert "breaking" in response["Surrogate-Key"].split()


def test_a_banner_link_is_only_ever_a_web_address(client):
    Banner.objects.create(
        text="Click me", link="javascript:alert(1)", expires_at=timezone.now() + timedelta(hours=1)
    )
    page = client.get("/").content.decode()
    assert "Click me" in page
    assert "javascript:" not in page


def test_the_desk_refuses_a_script_link_for_a_banner(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/fronts/banner/add/",
        {
            "text": "Click me",
            "link": "javascript:alert(1)",
            "expires_at_0": "2030-01-01",
            "expires_at_1": "10:00",
        },
    )
    assert response.status_code == 200
    assert not Banner.objects.exists()
    assert "http(s) address" in response.content.decode()
