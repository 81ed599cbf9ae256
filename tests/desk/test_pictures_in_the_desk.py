"""Pictures in the desk: the library's duties before publishing (buttons and bulk
action), the lead image on the story form, the focal point, searching the library."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html

from articles.models import Story, StoryTransition
from media.models import Image
from tests.helpers import form_data, texts
from tests.pictures import add_picture

pytestmark = pytest.mark.django_db
STORIES = reverse("admin:articles_story_changelist")
LIBRARY = reverse("admin:media_image_changelist")


def change_url(story):
    return reverse("admin:articles_story_change", args=[story.pk])


def image_url(image):
    return reverse("admin:media_image_change", args=[image.pk])


def tree_of(response):
    assert response.status_code == 200, response.status_code
    return lxml_html.fromstring(response.content.decode())


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def save_story(client, story, **changes):
    return client.post(change_url(story), form_data(client.get(change_url(story)), "story_form", **changes))


@pytest.fixture
def unready(db):
    return add_picture(
        "quay.jpg", credit="", alt_text="", title="Quay at night", caption="Lights on the quay."
    )


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def draft(make_story):
    def make(headline="Harbour strike enters second week", **fields):
        return make_story(headline, status=Story.Status.DRAFT, publish_at=None, **fields)

    return make


def test_publishing_is_refused_while_the_lead_image_lacks_alt_text_and_credit(desk, draft, unready):
    story = draft(lead_image=unready)
    response = save_story(desk, story, _workflow="publish")
    assert messages_of(response) == [
        "Saved, but not moved on: “Harbour strike enters second week” cannot go out yet: the lead image "
        f"“Quay at night” (#{unready.pk}) needs alt text (or mark it decorative) and a credit."
    ]
    story.refresh_from_db()
    assert story.status == Story.Status.DRAFT
    assert not StoryTransition.objects.filter(story=story).exists()


def test_scheduling_is_refused_while_a_figure_lacks_a_credit(desk, draft, picture, unready):
    Image.objects.filter(pk=unready.pk).update(alt_text="A quay at night")
    story = draft(lead_image=picture, body=f'<p>Text.</p><figure data-image="{unready.pk}"></figure>')
    later = timezone.localtime(timezone.now() + timedelta(days=1))
    response = save_story(
        desk, story, _workflow="schedule",
        publish_at_0=later.strftime("%Y-%m-%d"), publish_at_1=later.strftime("%H:%M:%S"),
    )  # fmt: skip
    assert messages_of(response)[-1].endswith(
        f"cannot go out yet: the picture “Quay at night” (#{unready.pk}) needs a credit."
    )
    story.refresh_from_db()
    assert story.status == Story.Status.DRAFT


def test_a_decorative_picture_with_a_credit_needs_no_alt_text(desk, draft, unready):
    Image.objects.filter(pk=unready.pk).update(decorative=True, credit="Harbour Press")
    story = draft(lead_image=unready)
    save_story(desk, story, _workflow="publish")
    story.refresh_from_db()
    assert story.is_public()
    tree = tree_of(desk.get(story.get_absolute_url()))
    assert tree.xpath("//figure[@class='story__lead']//img/@alt") == [""]


def test_bulk_publishing_publishes_the_ready_and_names_what_the_others_miss(desk, draft, picture, unready):
    ready = draft("Ferries return", lead_image=picture)
    waiting = draft("Quay closes", lead_image=unready)
    response = desk.post(STORIES, {"action": "publish_selected", "_selected_action": [ready.pk, waiting.pk]})
    ready.refresh_from_db(), waiting.refresh_from_db()
    assert ready.is_public() and waiting.status == Story.Status.DRAFT
    assert messages_of(response) == [
        "1 stories published.",
        f"“Quay closes” cannot go out yet: the lead image “Quay at night” (#{unready.pk}) needs alt text "
        "(or mark it decorative) and a credit.",
    ]


def test_the_story_form_sets_the_lead_image_and_its_caption(desk, draft, picture):
    story = draft()
    save_story(desk, story, lead_image=str(picture.pk), lead_image_caption="Dawn on the first day back.")
    story.refresh_from_db()
    assert story.lead_image == picture and story.lead_caption == "Dawn on the first day back."


def test_the_editor_keeps_library_figures_and_drops_other_pictures(desk, draft, picture):
    story = draft()
    body = (
        f'<p>Text.</p><figure data-image="{picture.pk}" contenteditable="false">'
        '<img src="/admin/media/image/1/thumbnail/" alt=""><figcaption>At dawn.</figcaption></figure>'
        '<p><img src="https://tracker.example/pixel.gif" onerror="alert(1)">After.</p>'
    )
    save_story(desk, story, body=body)
    story.refresh_from_db()
    assert story.body == (
        f'<p>Text.</p><figure data-image="{picture.pk}"><figcaption>At dawn.</figcaption></figure>'
        "<p>After.</p>"
    )


def test_clicking_the_picture_sets_the_focal_point_and_new_crops(desk, picture):
    old_fingerprint = picture.fingerprint
    tree = tree_of(desk.get(image_url(picture)))
    assert tree.xpath("//img[@data-focal-point]") and tree.xpath("//script[contains(@src, 'focal-point.js')]")
    response = desk.post(image_url(picture), form_data(desk.get(image_url(picture)), "image_form",
                                                       focal_x="0.8", focal_y="0.3"))  # fmt: skip
    assert response.status_code == 302
    picture.refresh_from_db()
    assert (picture.focal_x, picture.focal_y) == (0.8, 0.3) and picture.fingerprint != old_fingerprint


def test_the_library_is_searched_by_credit_and_filtered_by_uploader(desk, editor, picture, unready):
    Image.objects.filter(pk=unready.pk).update(uploaded_by=editor)
    found = texts(tree_of(desk.get(LIBRARY, {"q": "Harbour Press"})), "//td[contains(@class,'field-title')]")
    assert found == ["harbour at dawn"]
    mine = texts(
        tree_of(desk.get(LIBRARY, {"uploaded_by__id__exact": editor.pk})),
        "//th[contains(@class,'field-title')] | //td[contains(@class,'field-title')]",
    )
    assert mine == ["Quay at night"]


def test_the_library_says_where_a_picture_is_used(desk, make_story, picture):
    make_story("Ferries return", lead_image=picture)
    make_story("Quay closes", body=f'<figure data-image="{picture.pk}"></figure>')
    make_story("Unrelated")
    used = texts(tree_of(desk.get(image_url(picture))), "//div[contains(@class,'field-used_in')]//a")
    assert sorted(used) == ["Ferries return", "Quay closes"]


def test_the_editor_picker_finds_pictures_by_caption(desk, picture, unready):
    found = desk.get(reverse("admin:media_image_picker"), {"q": "harbour before dawn"}).json()["results"]
    assert [(r["id"], r["ready"]) for r in found] == [(picture.pk, True)]
