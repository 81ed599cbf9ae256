"""Fronts in the desk: editors arrange, preview, publish and undo; reporters cannot touch them."""

import pytest
from lxml import html
from reversion.models import Version

from fronts.models import Front, Zone
from tests.fronts.arranging import LEAD, TOP, arrange
from tests.helpers import form_data, page, texts

pytestmark = pytest.mark.django_db


def lead_of(client, path="/"):
    return texts(html.fromstring(client.get(path).content), "//section[contains(@class, 'zone--lead')]//h2")


def test_a_reporter_cannot_open_or_publish_fronts(client, reporter, make_story):
    front = arrange([(LEAD, 1, [make_story("Lead")])])
    client.force_login(reporter)
    for path in (
        "/admin/fronts/front/",
        f"/admin/fronts/front/{front.pk}/change/",
        "/admin/fronts/banner/add/",
        f"/admin/fronts/zone/{front.zones.get().pk}/change/",
        f"/admin/fronts/front/{front.pk}/preview/",
    ):
        assert client.get(path).status_code == 403, path  # fmt: skip
    assert client.post(f"/admin/fronts/front/{front.pk}/publish/").status_code == 403


def test_an_editor_places_a_story_previews_and_publishes(
    client, editor, make_story, django_capture_on_commit_callbacks
):
    make_story("Newest story", hours_ago=1)
    chosen = make_story("The editor's pick", hours_ago=40)
    client.force_login(editor)
    added = client.get("/admin/fronts/front/add/")
    data = form_data(added, "front_form", **{
        "zones-TOTAL_FORMS": "1", "zones-0-position": "1", "zones-0-kind": "lead", "zones-0-size": "1",
    })  # fmt: skip
    response = client.post("/admin/fronts/front/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    front = Front.objects.get(section=None)
    zone = front.zones.get()

    change = client.get(f"/admin/fronts/zone/{zone.pk}/change/")
    # From a zone, straight to its front's preview.
    assert f"/admin/fronts/front/{front.pk}/preview/" in change.content.decode()
    data = form_data(change, "zone_form", **{
        "slots-0-position": "1", "slots-0-story": str(chosen.pk), "slots-0-headline": "Picked, and shorter",
    })  # fmt: skip
    assert client.post(f"/admin/fronts/zone/{zone.pk}/change/", data).status_code == 302

    client.logout()
    assert lead_of(client) == ["Newest story"]  # saved, not published: readers see no change
    client.force_login(editor)
    preview = client.get(f"/admin/fronts/front/{front.pk}/preview/")
    assert texts(page(preview), "//section[contains(@class, 'zone--lead')]//h2") == ["Picked, and shorter"]
    assert "Never published" in client.get(f"/admin/fronts/front/{front.pk}/change/").content.decode()

    assert client.get(f"/admin/fronts/front/{front.pk}/publish/").status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/admin/fronts/front/{front.pk}/publish/").status_code == 302
    client.logout()
    assert lead_of(client) == ["Picked, and shorter"]


def test_story_search_for_a_slot_finds_stories_by_headline(client, editor, make_story):
    make_story("Ferry contract signed")
    make_story("Unrelated")
    client.force_login(editor)
    response = client.get("/admin/autocomplete/", {
        "term": "ferry", "app_label": "fronts", "model_name": "slot", "field_name": "story",
    })  # fmt: skip
    assert [result["text"] for result in response.json()["results"]] == ["Ferry contract signed"]


def test_the_preview_is_for_staff_only(client, make_story):
    front = arrange([(LEAD, 1, [make_story("Lead")])])
    response = client.get(f"/admin/fronts/front/{front.pk}/preview/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_every_publish_is_a_version_and_an_earlier_one_can_be_restored(
    client, editor, make_story, django_capture_on_commit_callbacks
):
    first, second = make_story("First arrangement"), make_story("Second arrangement", hours_ago=30)
    front = arrange([(LEAD, 1, [first]), (TOP, 2, [])], user=editor)
    assert lead_of(client) == ["First arrangement"]
    with django_capture_on_commit_callbacks(execute=True):
        arrange([(LEAD, 1, [second]), (TOP, 2, [])], user=editor)
    assert lead_of(client) == ["Second arrangement"]

    client.force_login(editor)
    history = client.get(f"/admin/fronts/front/{front.pk}/history/").content.decode()
    assert history.count("Published the front") == 2 and "edna" in history
    oldest = Version.objects.get_for_object(front).order_by("pk").first()
    form = client.get(f"/admin/fronts/front/{front.pk}/history/{oldest.pk}/")
    with django_capture_on_commit_callbacks(execute=True):
        restored = client.post(
            f"/admin/fronts/front/{front.pk}/history/{oldest.pk}/", form_data(form, "front_form")
        )
    assert restored.status_code == 302
    client.logout()
    assert lead_of(client) == ["First arrangement"]
    # The restore is itself a version, so it can be undone in turn.
    assert Version.objects.get_for_object(front).count() == 3
    assert Zone.objects.filter(front=front, kind=LEAD).get().slots.get().story == first
