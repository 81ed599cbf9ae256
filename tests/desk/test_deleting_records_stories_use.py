"""Deleting a topic, author or outlet that stories use asks for a replacement and moves
the stories to it; it never strips it from them silently."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from articles.models import Author, Outlet, Story
from tests.helpers import form_data, page, texts


def delete_url(record):
    meta = record._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_delete", args=[record.pk])


@pytest.fixture
def stories(make_story):
    """Two live stories on ferries: one filed under both topics, one under "Ferry" only."""
    both = make_story("Ferry fares rise", tags=["Ferry", "Ferries"], authors=["Ada Lovelace", "Grace Hopper"])
    only = make_story("New ferry launched", tags=["Ferry"], authors=["Ada Lovelace"])
    gazette, herald = Outlet.objects.create(name="Harbour Gazette"), Outlet.objects.create(name="Bay Herald")
    both.sources.create(outlet=gazette)
    both.sources.create(outlet=herald, position=1)
    only.sources.create(outlet=gazette)
    return both, only


def topics(story):
    return sorted(tag.name for tag in story.tags.all())


def test_deleting_a_topic_in_use_asks_for_a_replacement_first(client, editor, stories):
    client.force_login(editor)
    ferry = Tag.objects.get(name="Ferry")

    confirmation = page(client.get(delete_url(ferry)))

    assert sorted(texts(confirmation, "//ul[@class='stories-using']/li/a")) == [
        "Ferry fares rise",
        "New ferry launched",
    ]
    assert texts(confirmation, "//select[@name='replacement']/option[@value!='']") == ["Ferries"]
    # Pressing the button without choosing deletes nothing.
    response = client.post(delete_url(ferry), {"post": "yes"})
    assert response.status_code == 200
    assert Tag.objects.filter(name="Ferry").exists()
    assert [topics(story) for story in stories] == [["Ferries", "Ferry"], ["Ferry"]]


def test_a_topic_is_deleted_once_its_stories_have_the_replacement(client, editor, stories):
    client.force_login(editor)
    ferry = Tag.objects.get(name="Ferry")
    confirmation = client.get(delete_url(ferry))

    response = client.post(
        delete_url(ferry),
        form_data(confirmation, "replace-form", replacement=str(Tag.objects.get(name="Ferries").pk)),
    )

    assert response.status_code == 302
    assert not Tag.objects.filter(name="Ferry").exists()
    assert [topics(story) for story in stories] == [["Ferries"], ["Ferries"]]
    tag_page = page(client.get(reverse("frontend:tag", kwargs={"slug": "ferries"})))
    assert sorted(texts(tag_page, "//*[@class='card__headline']")) == [
        "Ferry fares rise",
        "New ferry launched",
    ]
    versions = client.get(reverse("admin:articles_story_versions", args=[stories[1].pk]))
    assert "Tag “Ferry” replaced by “Ferries”" in versions.content.decode()


def test_an_author_in_use_is_replaced_in_every_byline(client, editor, stories):
    client.force_login(editor)
    ada = Author.objects.get(name="Ada Lovelace")
    confirmation = client.get(delete_url(ada))

    client.post(
        delete_url(ada),
        form_data(confirmation, "replace-form", replacement=str(Author.objects.get(name="Grace Hopper").pk)),
    )

    assert not Author.objects.filter(name="Ada Lovelace").exists()
    assert [[b.author.name for b in story.bylines.all()] for story in stories] == [
        ["Grace Hopper"],
        ["Grace Hopper"],
    ]


def test_an_outlet_in_use_is_replaced_in_every_source(client, editor, stories):
    client.force_login(editor)
    gazette = Outlet.objects.get(name="Harbour Gazette")
    confirmation = client.get(delete_url(gazette))

    client.post(
        delete_url(gazette),
        form_data(confirmation, "replace-form", replacement=str(Outlet.objects.get(name="Bay Herald").pk)),
    )

    assert not Outlet.objects.filter(name="Harbour Gazette").exists()
    assert [[s.outlet.name for s in story.sources.all()] for story in stories] == [
        ["Bay Herald"],
        ["Bay Herald"],
    ]


def test_a_record_no_story_uses_is_deleted_as_usual(client, editor, stories):
    client.force_login(editor)
    unused = Tag.objects.create(name="Lighthouses")
    confirmation = client.get(delete_url(unused))

    client.post(delete_url(unused), form_data(confirmation, None, post="yes"))

    assert not Tag.objects.filter(name="Lighthouses").exists()


def test_the_lists_offer_no_bulk_delete(client, editor, stories):
    client.force_login(editor)
    for name in ("taggit_tag", "articles_author", "articles_outlet"):
        tree = page(client.get(reverse(f"admin:{name}_changelist")))
        assert "delete_selected" not in tree.xpath("//select[@name='action']/option/@value")


def test_a_reporter_cannot_delete_a_topic(client, reporter, stories):
    client.force_login(reporter)
    ferry = Tag.objects.get(name="Ferry")

    response = client.post(delete_url(ferry), {"replacement": Tag.objects.get(name="Ferries").pk})

    assert response.status_code == 403
    assert Story.objects.filter(tags__name="Ferry").count() == 2
