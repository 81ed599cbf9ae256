"""seed_demo's accounts work in their roles: an editor who publishes, a reporter who writes."""

import pytest
from django.core.management import call_command

from articles.models import Story
from tests.helpers import admin_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def credentials(capsys):
    call_command("seed_demo")
    lines = [line for line in capsys.readouterr().out.splitlines() if "password" in line]
    return {
        line.split(":")[0]: tuple(part.split("“")[1].split("”")[0] for part in line.split(",")[:2])
        for line in lines
    }


def test_the_demo_editor_publishes_without_being_a_superuser(credentials, client):
    username, password = credentials["Demo editor"]
    assert admin_login(client, username, password)
    story = Story.objects.filter(status=Story.Status.DRAFT).first()

    client.post("/admin/articles/story/", {"action": "publish_selected", "_selected_action": [story.pk]})

    story.refresh_from_db()
    assert story.status == Story.Status.PUBLISHED
    assert client.get(f"/admin/articles/story/{story.pk}/delete/").status_code == 403


def test_the_demo_reporter_sees_their_drafts_and_may_not_publish(credentials, client):
    username, password = credentials["Demo reporter"]
    assert admin_login(client, username, password)
    draft = Story.objects.filter(status=Story.Status.DRAFT).first()

    dashboard = client.get("/admin/").content.decode()
    client.post("/admin/articles/story/", {"action": "publish_selected", "_selected_action": [draft.pk]})

    assert draft.headline in dashboard
    draft.refresh_from_db()
    assert draft.status == Story.Status.DRAFT
