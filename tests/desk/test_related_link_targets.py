"""Related-link targets name other stories, so each door that offers, accepts or shows
one asks the permission policy: a reporter never learns the headline of a story
they may not see (another reporter's draft, an embargoed story) through them.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import RelatedLink, Story
from tests.helpers import form_data, page, texts

AUTOCOMPLETE = "/admin/autocomplete/"
HIDDEN_HEADLINES = ["Otto's secret harbour draft", "Embargoed harbour budget"]


def change_url(story):
    return reverse("admin:articles_story_change", args=[story.pk])


@pytest.fixture
def desk(make_story, reporter, other_reporter, editor):
    """Rita's draft, a story of hers she may link, and two stories she may not see."""
    return {
        "draft": make_story("Rita's harbour draft", status=Story.Status.DRAFT, publish_at=None,
                            created_by=reporter),
        "own": make_story("Rita's earlier harbour report", created_by=reporter),
        "other": make_story(HIDDEN_HEADLINES[0], status=Story.Status.DRAFT, publish_at=None,
                            created_by=other_reporter),
        "embargoed": make_story(HIDDEN_HEADLINES[1], created_by=editor,
                                embargo_until=timezone.now() + timedelta(days=1)),
    }  # fmt: skip


def autocomplete(client, term):
    response = client.get(
        AUTOCOMPLETE,
        {"app_label": "articles", "model_name": "relatedlink", "field_name": "target", "term": term},
    )
    assert response.status_code == 200, response.status_code
    return [result["text"] for result in response.json()["results"]]


def with_new_link(response, target):
    """The change form's data with one more related-link row, pointing at ``target``."""
    data = form_data(response, "story_form")
    row = int(data["related_links-TOTAL_FORMS"][0])
    data["related_links-TOTAL_FORMS"] = [str(row + 1)]
    data.update({f"related_links-{row}-target": [str(target.pk)], f"related_links-{row}-position": ["0"]})
    return data


def test_the_target_autocomplete_lists_only_stories_the_reporter_may_see(client, reporter, desk):
    client.force_login(reporter)
    found = autocomplete(client, "harbour")

    assert sorted(found) == ["Rita's earlier harbour report", "Rita's harbour draft"]


def test_the_target_autocomplete_lists_every_story_for_an_editor(client, editor, desk):
    client.force_login(editor)

    assert set(HIDDEN_HEADLINES) <= set(autocomplete(client, "harbour"))


@pytest.mark.parametrize("hidden", ["other", "embargoed"])
def test_a_forged_target_id_is_refused_and_its_headline_not_shown(client, reporter, desk, hidden):
    client.force_login(reporter)
    draft = desk["draft"]

    response = client.post(change_url(draft), with_new_link(client.get(change_url(draft)), desk[hidden]))

    assert response.status_code == 200  # the form again, with the error
    assert not RelatedLink.objects.filter(story=draft).exists()
    errors = texts(page(response), "//*[contains(@class, 'errorlist')]")
    assert any("Select a valid choice" in error for error in errors), errors
    assert not any(headline in response.content.decode() for headline in HIDDEN_HEADLINES)


def test_a_reporter_may_link_a_story_of_their_own(client, reporter, desk):
    client.force_login(reporter)
    draft = desk["draft"]

    response = client.post(change_url(draft), with_new_link(client.get(change_url(draft)), desk["own"]))

    assert response.status_code == 302
    assert [link.target for link in RelatedLink.objects.filter(story=draft)] == [desk["own"]]


def test_a_link_an_editor_made_to_a_hidden_story_shows_no_headline_and_survives_a_save(
    client, reporter, desk
):
    draft = desk["draft"]
    RelatedLink.objects.create(story=draft, target=desk["embargoed"], position=0)
    client.force_login(reporter)

    form = client.get(change_url(draft))
    saved = client.post(change_url(draft), form_data(form, "story_form", headline="Rita's harbour draft, v2"))

    shown = form.content.decode()
    assert HIDDEN_HEADLINES[1] not in shown
    assert "A story you may not see" in texts(page(form), "//select[@name='related_links-0-target']/option")
    assert saved.status_code == 302
    assert [link.target for link in RelatedLink.objects.filter(story=draft)] == [desk["embargoed"]]
