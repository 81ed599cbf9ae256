"""Revision history in the admin: every save keeps a version; editors compare and restore."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from articles.models import Author, Outlet, Section, Story
from tests.helpers import form_data, page, texts


def change_url(story):
    return reverse("admin:articles_story_change", args=[story.pk])


def versions_url(story):
    return reverse("admin:articles_story_versions", args=[story.pk])


@pytest.fixture
def edited_story(client, editor, make_story):
    """A live story an editor saved twice in the admin."""
    story = make_story(
        "Council approves <new> budget",
        body="<p>The council met on Monday.</p><p>The vote was 7 to 2.</p>",
    )
    client.force_login(editor)
    for headline, body in [
        ("Council approves <new> budget", "<p>The council met on Monday.</p><p>The vote was 7 to 2.</p>"),
        (
            "Council approves budget & tax rise",
            "<p>The council met on Monday.</p><p>The vote was 6 to 3.</p>",
        ),
    ]:
        data = form_data(client.get(change_url(story)), "story_form", headline=headline, body=body)
        assert client.post(change_url(story), data).status_code == 302
    story.refresh_from_db()
    return story


def version_ids(client, story):
    return page(client.get(versions_url(story))).xpath("//input[@name='newer']/@value")


def test_every_admin_save_keeps_a_version(client, edited_story):
    rows = texts(page(client.get(versions_url(edited_story))), "//table[@class='versions']/tbody/tr/td[4]")

    assert rows == ["edna", "edna"]


def test_an_editor_compares_two_versions_as_a_readable_diff(client, edited_story):
    newer, older = version_ids(client, edited_story)

    response = client.get(
        reverse("admin:articles_story_compare", args=[edited_story.pk]), {"older": older, "newer": newer}
    )

    tree = page(response)
    # The headline and the body are compared word by word, the body as it reads (no markup).
    assert texts(tree, "//ol[contains(@class, 'version-diff')]//del") == ["<new>", "7", "2."]
    assert texts(tree, "//ol[contains(@class, 'version-diff')]//ins") == ["& tax rise", "6", "3."]
    assert texts(tree, "//ol[contains(@class, 'version-diff')]/li[@class='changed']") == [
        "Council approves <new> budget & tax rise",
        "The vote was 76 to 2.3.",
    ]
    assert texts(tree, "//ol[contains(@class, 'version-diff')]/li[@class='same']") == [
        "The council met on Monday."
    ]
    # Shown as text, never as markup.
    assert b"&lt;new&gt;" in response.content
    assert b"<new>" not in response.content
    assert b"&lt;p&gt;" not in response.content


def test_a_one_word_change_marks_only_that_word(client, editor, make_story):
    body = "<p>The harbour ferry will run every twenty minutes from Monday, the operator said.</p>"
    story = make_story("Ferry runs more often", body=body)
    client.force_login(editor)
    for text in (body, body.replace("twenty", "fifteen")):
        data = form_data(client.get(change_url(story)), "story_form", body=text)
        assert client.post(change_url(story), data).status_code == 302
    newer, older = version_ids(client, story)

    tree = page(
        client.get(reverse("admin:articles_story_compare", args=[story.pk]), {"older": older, "newer": newer})
    )

    assert texts(tree, "//ol[contains(@class, 'version-diff')]//del") == ["twenty"]
    assert texts(tree, "//ol[contains(@class, 'version-diff')]//ins") == ["fifteen"]
    assert texts(tree, "//h2") == ["Body"]


def test_other_fields_are_compared_field_by_field(client, editor, make_story):
    story = make_story("Bridge closes for repairs")
    other = Section.objects.create(name="Transport", slug="transport")
    client.force_login(editor)
    for chosen in (story.section, other):
        data = form_data(client.get(change_url(story)), "story_form", section=str(chosen.pk))
        assert client.post(change_url(story), data).status_code == 302
    newer, older = version_ids(client, story)

    tree = page(
        client.get(reverse("admin:articles_story_compare", args=[story.pk]), {"older": older, "newer": newer})
    )

    assert texts(tree, "//h2") == ["Section"]
    assert texts(tree, "//ol[@class='version-diff']/li[@class='removed']") == [str(story.section)]
    assert texts(tree, "//ol[@class='version-diff']/li[@class='added']") == ["Transport"]


def restore_url(story):
    return reverse("admin:articles_story_restore", args=[story.pk])


def confirm_restore(client, story, version_row):
    """Follow "Restore this version…" on the versions page, then answer "Yes" on the confirmation."""
    link = page(client.get(versions_url(story))).xpath(
        f"//table[@class='versions']/tbody/tr[{version_row}]//a[contains(., 'Restore this version')]/@href"
    )[0]
    confirmation = client.get(link)
    return confirmation, client.post(restore_url(story), form_data(confirmation, "restore-form"))


def test_an_editor_restores_an_older_version(client, edited_story):
    _confirmation, response = confirm_restore(client, edited_story, 2)

    assert response.status_code == 302
    edited_story.refresh_from_db()
    assert edited_story.headline == "Council approves <new> budget"
    assert "7 to 2" in edited_story.body
    assert edited_story.status == Story.Status.PUBLISHED
    assert len(version_ids(client, edited_story)) == 3  # the restore is itself a version
    assert texts(page(client.get(versions_url(edited_story))), "//tbody/tr[1]/td[5]")[0].startswith(
        "Restored the version of"
    )


def test_a_reporter_cannot_restore_on_someone_elses_story(client, edited_story, reporter):
    _newer, older = version_ids(client, edited_story)
    client.force_login(reporter)

    response = client.post(
        reverse("admin:articles_story_restore", args=[edited_story.pk]), {"version": older}
    )

    assert response.status_code == 404
    edited_story.refresh_from_db()
    assert edited_story.headline == "Council approves budget & tax rise"


def test_restoring_asks_first_and_shows_what_will_change(client, edited_story):
    _newer, older = version_ids(client, edited_story)

    confirmation = client.get(restore_url(edited_story), {"version": older})

    tree = page(confirmation)
    # Removed: the story as it is now; added: what the restore brings back.
    assert texts(tree, "//ol[contains(@class, 'version-diff')]//del") == ["& tax rise", "6", "3."]
    assert texts(tree, "//ol[contains(@class, 'version-diff')]//ins") == ["<new>", "7", "2."]
    assert "The story is live: readers see the restored version at once." in texts(tree, "//p/strong")
    assert tree.xpath("//form[@id='restore-form']//input[@type='submit']/@value") == [
        "Yes, restore this version"
    ]
    edited_story.refresh_from_db()
    assert edited_story.headline == "Council approves budget & tax rise"  # nothing restored yet
    assert len(version_ids(client, edited_story)) == 2


@pytest.fixture
def rearranged_story(client, editor, make_story):
    """A live story with a byline, topics, a source and a related link, which an editor
    then rearranged in the admin: new byline, one topic swapped, source and link removed."""
    other = make_story("Ferry timetable changes")
    story = make_story("Harbour dredging starts", authors=["Ada Lovelace"], tags=["Harbour", "Ferries"])
    story.sources.create(
        outlet=Outlet.objects.create(name="Harbour Gazette"), url="https://gazette.example/d"
    )
    story.related_links.create(target=other, position=0)
    story.related_links.create(title="Port authority notice", url="https://port.example/n", position=1)
    Author.objects.create(name="Grace Hopper", slug="grace-hopper")
    client.force_login(editor)
    data = form_data(client.get(change_url(story)), "story_form", headline="Harbour dredging begins")
    assert client.post(change_url(story), data).status_code == 302
    data = form_data(
        client.get(change_url(story)),
        "story_form",
        tags=[str(Tag.objects.get(name="Harbour").pk)],
        new_tags="Dredging",
        **{
            "bylines-0-author": str(Author.objects.get(name="Grace Hopper").pk),
            "sources-0-DELETE": "on",
            "related_links-0-DELETE": "on",
            "related_links-1-DELETE": "on",
        },
    )
    assert client.post(change_url(story), data).status_code == 302
    return story


def story_parts(story):
    return (
        [byline.author.name for byline in story.bylines.all()],
        sorted(tag.name for tag in story.tags.all()),
        [(source.outlet.name, source.url) for source in story.sources.all()],
        [link.display_title for link in story.related_links.all()],
    )


def test_a_restore_brings_back_bylines_topics_sources_and_links(client, rearranged_story):
    assert story_parts(rearranged_story) == (["Grace Hopper"], ["Dredging", "Harbour"], [], [])

    confirmation, response = confirm_restore(client, rearranged_story, 2)

    tree = page(confirmation)
    assert texts(tree, "//h2[.='Topics']/following-sibling::ol[1]/li[@class='added']") == ["Ferries"]
    assert texts(tree, "//h2[.='Topics']/following-sibling::ol[1]/li[@class='removed']") == ["Dredging"]
    assert texts(tree, "//h2[.='Bylines']/following-sibling::ol[1]/li[@class='added']") == ["Ada Lovelace"]
    assert response.status_code == 302
    rearranged_story.refresh_from_db()
    assert rearranged_story.headline == "Harbour dredging begins"
    assert story_parts(rearranged_story) == (
        ["Ada Lovelace"],
        ["Ferries", "Harbour"],
        [("Harbour Gazette", "https://gazette.example/d")],
        ["Ferry timetable changes", "Port authority notice"],
    )
    assert rearranged_story.status == Story.Status.PUBLISHED


def test_a_topic_deleted_since_comes_back_with_the_version(client, rearranged_story):
    Tag.objects.filter(name="Ferries").delete()  # e.g. from a shell: the admin refuses it

    confirm_restore(client, rearranged_story, 2)

    assert story_parts(rearranged_story)[1] == ["Ferries", "Harbour"]
    tree = page(client.get(reverse("frontend:tag", kwargs={"slug": "ferries"})))
    assert texts(tree, "//*[@class='card__headline']") == ["Harbour dredging begins"]


def test_search_engine_text_is_compared_word_by_word_under_its_own_name(client, editor, make_story):
    story = make_story("Harbour tunnel reopens", seo_title="Harbour tunnel reopens after repairs")
    client.force_login(editor)
    for title in ("Harbour tunnel reopens after repairs", "Harbour tunnel reopens after long repairs"):
        data = form_data(client.get(change_url(story)), "story_form", seo_title=title)
        assert client.post(change_url(story), data).status_code == 302
    newer, older = version_ids(client, story)

    tree = page(
        client.get(reverse("admin:articles_story_compare", args=[story.pk]), {"older": older, "newer": newer})
    )

    assert texts(tree, "//h2") == ["SEO title"]
    assert texts(tree, "//ol[contains(@class, 'version-diff')]//ins") == ["long"]
    assert not tree.xpath("//ol[contains(@class, 'version-diff')]//del")
