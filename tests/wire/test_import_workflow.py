"""Imports change a story's status only through the workflow, as the wire account."""

import pytest
from django.contrib.auth.models import Group

from articles.models import Story, StoryTransition
from tests.importing import import_stories, ninjs_file
from tests.project_files import FILES
from wire.accounts import wire_account

pytestmark = pytest.mark.django_db

NEWSML = FILES / "newsml"


def transitions(story):
    return list(
        story.transitions.order_by("pk").values_list("user__username", "action", "from_status", "to_status")
    )


@pytest.mark.parametrize("mode", [[], ["--strict"]], ids=["batched", "one at a time"])
def test_publishing_on_import_records_the_wire_accounts_transition(world, tmp_path, mode):
    for number in range(3):
        ninjs_file(tmp_path, number)
    run = import_stories(tmp_path, "--publish", *mode)
    assert run.ok, run.err
    stories = Story.objects.all()
    assert stories.count() == 3
    for story in stories:
        assert story.is_public()
        assert transitions(story) == [("wire", "publish", "draft", "published")]


def test_a_review_import_is_a_submission_by_the_wire_account(world, tmp_path):
    ninjs_file(tmp_path, 1)
    assert import_stories(tmp_path, "--status", "review").ok
    assert transitions(Story.objects.get()) == [("wire", "submit", "draft", "review")]


def test_a_draft_import_records_no_transition(world, tmp_path):
    ninjs_file(tmp_path, 1)
    assert import_stories(tmp_path).ok
    assert Story.objects.get().status == Story.Status.DRAFT
    assert not StoryTransition.objects.exists()


def test_a_providers_cancellation_is_a_withdrawal_by_the_wire_account(world):
    assert import_stories(NEWSML / "newsml-message-bridge-v1.xml", "--publish").ok
    assert import_stories(NEWSML / "newsml-message-bridge-v2-canceled.xml").ok
    story = Story.objects.get()
    assert story.status == Story.Status.UNPUBLISHED
    assert transitions(story) == [
        ("wire", "publish", "draft", "published"),
        ("wire", "withdraw", "published", "unpublished"),
    ]
    assert "Withdrawn by newsml import: " in story.transitions.order_by("pk").last().note


def test_an_existing_draft_published_by_a_later_import_goes_through_publish(world, tmp_path):
    path = ninjs_file(tmp_path, 1)
    assert import_stories(path).ok
    ninjs_file(tmp_path, 1, version="2", headline="Harbour council story, updated")
    assert import_stories(path, "--publish").ok
    story = Story.objects.get()
    assert story.headline == "Harbour council story, updated" and story.is_public()
    assert transitions(story) == [("wire", "publish", "draft", "published")]


@pytest.mark.parametrize("mode", [[], ["--strict"]], ids=["batched", "one at a time"])
def test_an_import_cannot_publish_what_the_policy_refuses_the_wire_account(world, tmp_path, mode):
    wire_account().groups.remove(Group.objects.get(name="Editor"))
    for number in range(2):
        ninjs_file(tmp_path, number)
    run = import_stories(tmp_path, "--publish", *mode)
    assert not run.ok
    assert "the permission policy refused the import account “wire”" in run.err
    assert "You may not publish" in run.err
    assert not Story.objects.published().exists()
    assert not StoryTransition.objects.exists()
    # Without --publish the same account may still bring the copy in as drafts.
    assert import_stories(tmp_path).ok
    assert Story.objects.filter(status=Story.Status.DRAFT).count() == 2


def test_a_withdrawal_the_policy_refuses_leaves_the_story_live(world):
    assert import_stories(NEWSML / "newsml-message-bridge-v1.xml", "--publish").ok
    wire_account().groups.clear()
    run = import_stories(NEWSML / "newsml-message-bridge-v2-canceled.xml")
    assert not run.ok and "You may not withdraw" in run.err
    assert Story.objects.get().is_public()


def test_the_wire_account_cannot_log_in(world, tmp_path, client):
    ninjs_file(tmp_path, 1)
    assert import_stories(tmp_path).ok
    account = wire_account()
    assert not account.has_usable_password() and not account.is_staff
