"""The demo's live story: open coverage with several updates and key events,
loaded once, and never rewritten over the desk's own updates."""

import pytest
from django.core.management import call_command

from articles.models import LiveUpdate, Story
from articles.models.live import add_update
from tests.helpers import page, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(capsys):
    call_command("seed_demo")
    capsys.readouterr()
    return Story.objects.published().get(story_type=Story.StoryType.LIVE)


def test_the_demo_has_an_open_live_story_with_updates_and_key_events(live, client):
    assert live.coverage_is_open
    assert live.live_updates.count() >= 5
    assert live.live_updates.key_events().count() >= 2
    assert live.live_updates.exclude(correction_note="").exists()
    # Every update falls within the coverage, which starts when the story went out.
    assert not live.live_updates.filter(published_at__lt=live.coverage_started_at).exists()

    tree = page(client.get(live.get_absolute_url()))
    assert len(texts(tree, '//nav[@class="live-key-events"]//li')) >= 2
    assert len(tree.xpath("//article[@data-update]")) == live.live_updates.count()


def test_loading_again_leaves_the_desks_updates_alone(live, capsys):
    mine = add_update(live, body="The desk's own update.")
    LiveUpdate.objects.exclude(pk=mine.pk).filter(story=live).first().withdraw(note="Wrong.")
    before = list(LiveUpdate.objects.order_by("pk").values_list("pk", "body", "withdrawn_at"))

    call_command("seed_demo")
    capsys.readouterr()

    assert list(LiveUpdate.objects.order_by("pk").values_list("pk", "body", "withdrawn_at")) == before
