"""Editorial workflow: every change of a story's status goes through an action here.

An action is one verb (submit, publish, schedule, unpublish, send back,
correct) together with its permission check, its allowed starting states and
its record in the story's transition log, run in one transaction. The admin,
commands and ``Story``'s own verbs call these, so all of them behave the same;
nothing else sets ``Story.status``.
"""

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from articles.models import Correction, Story, StoryTransition
from articles.permissions import policy

Status = Story.Status


class WorkflowNotAllowed(PermissionDenied):
    """The user's role does not allow this action on this story."""


class InvalidTransition(ValueError):
    """The story is not in a state this action can start from, or input is missing."""


class StoryAction:
    name = ""
    label = ""
    past_tense = ""  # "the story cannot be …", "3 stories …"
    permission = ""  # the policy method that must say yes
    from_states = ()
    to_status = None
    needs_note = False

    def allowed_from(self, story):
        return story.status in self.from_states

    def is_available(self, user, story):
        """Whether to offer this action to ``user`` (the check is repeated on execution)."""
        return self.allowed_from(story) and getattr(policy, self.permission)(user, story)

    def execute(self, story, user, *, note="", **options):
        if not getattr(policy, self.permission)(user, story):
            raise WorkflowNotAllowed(f"You may not {self.label.lower()} “{story.headline}”.")
        if not self.allowed_from(story):
            raise InvalidTransition(
                f"“{story.headline}” is {story.get_status_display().lower()}; it cannot be {self.past_tense}."
            )
        if self.needs_note and not note.strip():
            raise InvalidTransition(f"Say why: a note is needed to {self.label.lower()}.")
        with transaction.atomic(), reversion.create_revision():
            from_status = story.status
            self.apply(story, user, note=note, **options)
            story.save()
            reversion.set_user(user)
            reversion.set_comment(f"{self.label}{': ' + note if note else ''}")
            return StoryTransition.objects.create(
                story=story,
                user=user,
                action=self.name,
                from_status=from_status,
                to_status=story.status,
                note=note,
            )

    def apply(self, story, user, *, note, **options):
        story.status = self.to_status


class Submit(StoryAction):
    name, label, permission = "submit", "Submit for review", "may_submit"
    from_states = (Status.DRAFT,)
    to_status = Status.IN_REVIEW
    past_tense = "submitted for review"


class Publish(StoryAction):
    """Make the story live now (a story already scheduled for the future goes live now too)."""

    name, label, permission = "publish", "Publish", "may_publish"
    past_tense = "published"
    from_states = (Status.DRAFT, Status.IN_REVIEW, Status.UNPUBLISHED, Status.PUBLISHED)
    to_status = Status.PUBLISHED

    def allowed_from(self, story):
        return super().allowed_from(story) and not story.is_public()

    def apply(self, story, user, *, note, **options):
        now = timezone.now()
        if story.publish_at is None or story.publish_at > now:
            story.publish_at = now
        story.status = Status.PUBLISHED


class Schedule(Publish):
    """Publish at a future time; query-time visibility makes it go live then."""

    name, label, past_tense = "schedule", "Schedule", "scheduled"

    def apply(self, story, user, *, note, at=None, **options):
        at = at or story.publish_at
        if at is None or at <= timezone.now():
            raise InvalidTransition("Set a publish time in the future to schedule the story.")
        story.publish_at = at
        story.status = Status.PUBLISHED


class Unpublish(StoryAction):
    name, label, permission = "unpublish", "Unpublish", "may_unpublish"
    past_tense = "unpublished"
    from_states = (Status.PUBLISHED,)
    to_status = Status.UNPUBLISHED


class SendBack(StoryAction):
    """Return a story to its reporter as a draft, with a note saying what to change."""

    name, label, permission = "send_back", "Send back to draft", "may_send_back"
    from_states = (Status.IN_REVIEW, Status.PUBLISHED, Status.UNPUBLISHED)
    to_status = Status.DRAFT
    needs_note = True

    def allowed_from(self, story):
        return super().allowed_from(story) and not story.is_public()

    past_tense = "sent back"


class Correct(StoryAction):
    """Append a dated correction or update to a public story; its "Updated" time moves."""

    name, label, permission = "correct", "Correct", "may_correct"
    past_tense = "corrected"
    from_states = (Status.PUBLISHED,)
    needs_note = True

    def allowed_from(self, story):
        return story.is_public()

    def apply(self, story, user, *, note, kind=Correction.Kind.CORRECTION, **options):
        now = timezone.now()
        Correction.objects.create(story=story, kind=kind, note=note, published_at=now, created_by=user)
        story.updated_at = now


ACTIONS = {action.name: action for action in (Submit(), Publish(), Schedule(), Unpublish(), SendBack())}
correct = Correct()


def available_actions(user, story):
    """The status-changing actions ``user`` may take on ``story`` now, for buttons."""
    return [action for action in ACTIONS.values() if action.is_available(user, story)]


def run(name, story, user, **options):
    """Run the action called ``name``; unknown names are refused like forbidden ones."""
    try:
        action = ACTIONS[name] if name != correct.name else correct
    except KeyError:
        raise WorkflowNotAllowed(f"There is no workflow action called “{name}”.") from None
    return action.execute(story, user, **options)


def editorial_state(story, now=None):
    """A short (key, label) for the story's state as the newsroom sees it."""
    now = now or timezone.now()
    if story.status == Status.PUBLISHED:
        if story.embargo_until and story.embargo_until > now:
            return "embargoed", "Embargoed"
        if story.publish_at and story.publish_at > now:
            return "scheduled", "Scheduled"
        return "live", "Live"
    return story.status, story.get_status_display()
