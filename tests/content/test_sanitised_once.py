"""A body the sanitiser already returned is not cleaned twice; any change to it is."""

import pytest

from articles.sanitise import sanitise_html

pytestmark = pytest.mark.django_db


def test_the_sanitisers_own_output_passes_through_untouched():
    cleaned = sanitise_html("<div>Ferry <b>late</b></div><script>alert(1)</script>")
    assert cleaned == "<p>Ferry <strong>late</strong></p>"
    assert sanitise_html(cleaned) is cleaned


def test_sanitised_text_changed_afterwards_is_sanitised_again_on_save(make_story):
    story = make_story("Harbour")
    added = '<script>alert(1)</script><p onclick="x()">Later</p>'
    story.body = sanitise_html("<p>Harbour reopens.</p>") + added
    story.save()
    story.refresh_from_db()
    assert story.body == "<p>Harbour reopens.</p><p>Later</p>"
