"""A published front shows on the next request: the pages showing it carry its key
(``front:home``, ``front:section-<pk>``) and only those are forgotten."""

import pytest

from fronts.models import Front
from fronts.publishing import publish
from tests.fronts.arranging import LEAD, arrange

pytestmark = pytest.mark.django_db


def test_publishing_a_front_refreshes_exactly_the_pages_showing_it(
    client, make_story, europe, editor, django_capture_on_commit_callbacks
):
    first = make_story("First lead", hours_ago=1)
    second = make_story("Second lead", hours_ago=20)
    with django_capture_on_commit_callbacks(execute=True):
        home = arrange([(LEAD, 1, [first])], user=editor)
    pages = ["/", "/europe/", first.get_absolute_url()]
    for path in pages:
        client.get(path)
    assert [client.get(path)["X-Cache"] for path in pages] == ["hit", "hit", "hit"]
    assert "front:home" in client.get("/")["Surrogate-Key"].split()
    assert f"front:section-{europe.pk}" in client.get("/europe/")["Surrogate-Key"].split()

    with django_capture_on_commit_callbacks(execute=True):
        arrange([(LEAD, 1, [second])], published=False)
        publish(Front.objects.get(pk=home.pk), editor)
    response = client.get("/")
    assert response["X-Cache"] == "miss"
    assert "Second lead" in response.content.decode().split("zone--lead")[1].split("</section>")[0]
    assert [client.get(path)["X-Cache"] for path in pages[1:]] == ["hit", "hit"]


def test_a_draft_change_leaves_cached_pages_alone(client, make_story, django_capture_on_commit_callbacks):
    story = make_story("Steady lead")
    with django_capture_on_commit_callbacks(execute=True):
        arrange([(LEAD, 1, [story])])
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        arrange([(LEAD, 1, [])], published=False)
    assert client.get("/")["X-Cache"] == "hit"
