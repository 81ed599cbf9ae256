"""python manage.py seed_demo: the quick start's populated newsroom."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles import workflow
from articles.models import Section, Story
from tests.helpers import admin_login, page, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(capsys):
    call_command("seed_demo")
    return capsys.readouterr().out


def test_it_loads_a_newsroom_across_sections(demo, client):
    public = Story.objects.published()
    assert public.count() >= 20
    assert Section.objects.count() >= 6
    sections_with_stories = {s.section.parent_id or s.section_id for s in public.select_related("section")}
    assert len(sections_with_stories) >= 6
    assert public.filter(tags__isnull=False).distinct().count() == public.count()
    assert public.filter(sources__isnull=False).exists()
    assert public.filter(corrections__isnull=False).exists()
    assert public.filter(related_links__isnull=False).exists()

    tree = page(client.get("/"))
    assert len(tree.xpath("//main//section[contains(@class, 'zone')]")) >= 6


def test_it_prints_working_editor_credentials(demo, client):
    line = next(line for line in demo.splitlines() if "password" in line)
    username, password = (part.split("“")[1].split("”")[0] for part in line.split(",")[:2])
    assert get_user_model().objects.get(username=username).is_staff
    assert admin_login(client, username, password)
    assert client.get("/admin/").status_code == 200


def test_loading_twice_adds_nothing(demo):
    before = Story.objects.count()
    call_command("seed_demo")
    assert Story.objects.count() == before


def test_demo_drafts_and_scheduled_stories_stay_hidden(demo, client):
    hidden = Story.objects.exclude(pk__in=Story.objects.published())
    assert hidden.count() >= 2
    home = client.get("/").content.decode()
    for story in hidden:
        assert client.get(story.get_absolute_url()).status_code == 404
        assert story.headline not in home


def test_every_demo_story_page_renders_its_parts(demo, client):
    for story in Story.objects.published():
        tree = page(client.get(story.get_absolute_url()))
        assert texts(tree, "//h1") == [story.headline]


def test_demo_stories_are_published_through_the_workflow_by_the_demo_editor(demo):
    published = Story.objects.filter(status=Story.Status.PUBLISHED)
    assert published.exists()
    for story in published:
        assert list(story.transitions.values_list("user__username", "action")) in (
            [("editor", "publish")],
            [("editor", "schedule")],
        ), story.headline
    assert not Story.objects.filter(status=Story.Status.DRAFT, transitions__isnull=False).exists()


def test_loading_again_keeps_what_editors_changed(demo):
    editor = get_user_model().objects.get(username="editor")
    story = Story.objects.published().first()
    workflow.unpublish(story, editor)
    Story.objects.filter(pk=story.pk).update(headline="Changed by the desk")
    call_command("seed_demo")
    story.refresh_from_db()
    assert (story.status, story.headline) == (Story.Status.UNPUBLISHED, "Changed by the desk")


def _an_editors_changes():
    """Change two demo stories as an editor would: unpublish one, retitle another."""
    editor = get_user_model().objects.get(username="editor")
    live = Story.objects.published().order_by("slug").first()
    workflow.unpublish(live, editor)
    retitled = Story.objects.published().order_by("slug").first()
    retitled.headline = "Changed by the desk"
    retitled.save()
    return live, retitled


def test_running_again_keeps_an_editors_changes(demo):
    unpublished, retitled = _an_editors_changes()

    call_command("seed_demo")

    unpublished.refresh_from_db()
    retitled.refresh_from_db()
    assert unpublished.status == Story.Status.UNPUBLISHED
    assert retitled.headline == "Changed by the desk"


def test_reset_restores_the_original_demo(demo, capsys):
    before = sorted(Story.objects.published().values_list("slug", "headline"))
    _an_editors_changes()

    call_command("seed_demo", "--reset")

    assert "Reset: removed" in capsys.readouterr().out
    assert sorted(Story.objects.published().values_list("slug", "headline")) == before
    assert not Story.objects.filter(headline="Changed by the desk").exists()
