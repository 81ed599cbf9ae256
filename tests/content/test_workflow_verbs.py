"""The workflow verbs on Story, as commands and other code call them outside the admin."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles import workflow
from articles.models import Story
from articles.workflow import InvalidTransition


@pytest.fixture
def draft(make_story, reporter):
    return make_story("Tram line opens", status=Story.Status.DRAFT, publish_at=None, created_by=reporter)


def test_reporter_cannot_publish(draft, reporter):
    with pytest.raises(PermissionDenied):
        workflow.publish(draft, reporter)

    draft.refresh_from_db()
    assert draft.status == Story.Status.DRAFT
    assert not draft.transitions.exists()


def test_editor_publishes_and_the_step_is_logged(draft, editor):
    workflow.publish(draft, editor)

    assert Story.objects.published().get() == draft
    step = draft.transitions.get()
    assert (step.action, step.user, step.from_status, step.to_status) == (
        "publish",
        editor,
        "draft",
        "published",
    )


def test_scheduling_needs_a_future_time(draft, editor):
    with pytest.raises(InvalidTransition):
        workflow.schedule(draft, editor, timezone.now() - timedelta(minutes=1))

    workflow.schedule(draft, editor, timezone.now() + timedelta(hours=1))
    assert Story.objects.scheduled().get() == draft
    assert not Story.objects.published().exists()


def test_a_story_that_is_not_public_cannot_be_corrected(draft, editor):
    with pytest.raises(InvalidTransition):
        workflow.correct(draft, editor, "Too early for this.")

    assert not draft.corrections.exists()


def test_unpublishing_takes_a_story_off_the_site(make_story, editor):
    story = make_story("Pier reopens")

    workflow.unpublish(story, editor)

    assert not Story.objects.published().exists()
    assert story.transitions.get().to_status == "unpublished"
