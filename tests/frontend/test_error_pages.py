"""Friendly 404 and 500 pages."""

import pytest
from django.test import Client
from django.urls import path

from newsroom.urls import urlpatterns as site_urls
from tests.outages import database_down

pytestmark = pytest.mark.django_db


def broken_view(request):
    raise RuntimeError("boom")


urlpatterns = [path("broken/", broken_view), *site_urls]
handler404 = "frontend.errors.not_found"
handler500 = "frontend.errors.server_error"


def test_404_page_looks_like_the_site_and_offers_search(client, world):
    response = client.get("/nothing/here/at/all/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "We can’t find that page" in content
    assert 'role="search"' in content and "World" in content  # navigation is there


@pytest.mark.urls("tests.frontend.test_error_pages")
def test_500_page_is_friendly_and_hides_the_error(db):
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    content = response.content.decode()
    assert "Something went wrong on our side" in content
    assert "boom" not in content and "Traceback" not in content


def test_an_uncached_page_answers_503_with_retry_after_while_the_database_is_down(client, make_story):
    story = make_story("Not cached yet")
    with database_down():
        response = client.get(story.get_absolute_url())
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]  # a CDN must not keep the outage page
    content = response.content.decode()
    assert "We’ll be back in a moment" in content
    assert "Connection refused" not in content and "127.0.0.1" not in content


def test_the_site_answers_again_once_the_database_is_back(client, make_story):
    story = make_story("Back again")
    with database_down():
        assert client.get("/").status_code == 503
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "Back again" in response.content.decode()
