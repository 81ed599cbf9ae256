"""No text in a story or the records around it becomes live markup in the admin.

The 10 payloads of tests/hostile_text.py, each in every text field of its own
story, section, author, tag and outlet, × 12 admin doors: the desk's home
(dashboard), the story list, the story change form, its versions and a
comparison of two versions, and the list and change form of sections,
authors and outlets, plus the topic list: 10 × 12 = 120 payload-door checks.
"""

import pytest
from django.urls import reverse
from reversion.models import Version

from tests.hostile_text import PAYLOADS, assert_no_live_markup, fetch_ok, hostile_newsroom, same_text


@pytest.fixture
def newsroom(make_story, editor):
    return hostile_newsroom(make_story, editor)


def admin_doors(newsroom):
    doors = [
        ("admin home", reverse("admin:index")),
        ("story list", reverse("admin:articles_story_changelist")),
        ("section list", reverse("admin:articles_section_changelist")),
        ("author list", reverse("admin:articles_author_changelist")),
        ("outlet list", reverse("admin:articles_outlet_changelist")),
        ("topic list", reverse("admin:taggit_tag_changelist")),
    ]
    for payload, story in newsroom:
        older, newer = Version.objects.get_for_object(story).order_by("pk")[:2]
        outlet_id = story.sources.get().outlet_id
        compare = reverse("admin:articles_story_compare", args=[story.pk])
        doors += [
            (f"change form {payload!r}", reverse("admin:articles_story_change", args=[story.pk])),
            (f"versions {payload!r}", reverse("admin:articles_story_versions", args=[story.pk])),
            (f"compare {payload!r}", f"{compare}?older={older.pk}&newer={newer.pk}"),
            (f"section {payload!r}", reverse("admin:articles_section_change", args=[story.section.pk])),
            (f"author {payload!r}", reverse("admin:articles_author_change", args=[story.authors.get().pk])),
            (f"outlet {payload!r}", reverse("admin:articles_outlet_change", args=[outlet_id])),
        ]
    return doors


def test_no_payload_becomes_markup_in_the_admin(client, editor, newsroom):
    client.force_login(editor)

    for name, url in admin_doors(newsroom):
        assert_no_live_markup(fetch_ok(client, url), name)


def test_the_story_list_shows_each_headline_as_text(client, editor, newsroom):
    client.force_login(editor)

    tree = assert_no_live_markup(fetch_ok(client, reverse("admin:articles_story_changelist")), "story list")

    shown = {same_text(cell.text_content()) for cell in tree.xpath("//th[@class='field-headline']")}
    assert shown == {same_text(payload) for payload in PAYLOADS}
