"""Public addresses are remembered per process, and stay right when what they depend on changes."""

import pytest
from django.test import override_settings
from django.urls import include, path, set_script_prefix

pytestmark = pytest.mark.django_db

# The reader site moved under /edition/: a URL configuration for the test below.
urlpatterns = [path("edition/", include("frontend.urls"))]


def test_a_story_is_found_at_the_address_its_links_give(client, make_story):
    story = make_story("Harbour reopens")
    assert story.get_absolute_url() == story.get_absolute_url()  # the second one remembered
    assert client.get(story.get_absolute_url()).status_code == 200


def test_a_site_served_under_a_prefix_links_under_it(make_story):
    # Django's WSGI handler sets the prefix from SCRIPT_NAME on every request
    # (the test client does not, so it is set here as the handler would).
    story = make_story("Harbour reopens")
    plain = story.get_absolute_url()
    set_script_prefix("/news/")
    try:
        assert story.get_absolute_url() == f"/news{plain}"
    finally:
        set_script_prefix("/")
    assert story.get_absolute_url() == plain


def test_a_new_url_configuration_gives_new_addresses(make_story):
    story = make_story("Harbour reopens")
    before = story.get_absolute_url()
    with override_settings(ROOT_URLCONF=__name__):
        moved = story.get_absolute_url()
    assert moved == f"/edition{before}"
    assert story.get_absolute_url() == before
