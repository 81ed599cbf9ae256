"""Editorial workflow: every change of a story's status goes through an action here.

An action is one verb (submit, publish, schedule, unpublish, send back,
withdraw, correct) together with its permission check, its allowed starting
states and its record in the story's transition log, run in one transaction.
The admin, bulk actions, imports (as the wire account), the demo loader and
every command call these, so all of them behave the same; nothing else sets
``Story.status``. Each transition is announced with
``articles.signals.story_transitioned`` (and ``story_published``).

``create_many`` is the batched door for new stories that start life beyond a
draft (a wire import with ``--publish``): the same permission check and
transition record per story, with one insert per table.
"""

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from articles import checklist
from articles.models import Correction, Story, StoryTransition
from articles.permissions import policy
from articles.signals import story_published, story_publishing, story_transitioned

Status = Story.Status


class WorkflowNotAllowed(PermissionDenied):
    """The user's role does not allow this action on this story."""


class InvalidTransition(ValueError):
    """The story is not in a state this action can start from, or input is missing."""


class ChecklistFailed(InvalidTransition):
    """The publish checklist (articles/checklist.py) blocks the story; ``result`` says why."""

    def __init__(self, story, action, result):
        self.result = result
        problems = " ".join(item.problem for item in result.blocking)
        super().__init__(f"“{story.headline}” was not {action.past_tense}: {problems}")


class StoryAction:
    name = ""
    label = ""
    past_tense = ""  # "the story cannot be …", "3 stories …"
    permission = ""  # the policy method that must say yes
    from_states = ()
    to_status = None
    needs_note = False
    runs_checklist = False  # publish and schedule: the story must pass articles/checklist.py

    def allowed_from(self, story):
        return story.status in self.from_states

    def is_available(self, user, story):
        """Whether to offer this action to ``user`` (the check is repeated on execution)."""
        return self.allowed_from(story) and getattr(policy, self.permission)(user, story)

    def execute(self, story, user, *, note="", facts=None, **options):
        """Take the action; returns the transition, with the checklist's ``warnings`` on it."""
        if not getattr(policy, self.permission)(user, story):
            raise WorkflowNotAllowed(f"You may not {self.label.lower()} “{story.headline}”.")
        if not self.allowed_from(story):
            raise InvalidTransition(
                f"“{story.headline}” is {story.get_status_display().lower()}; it cannot be {self.past_tense}."
            )
        if self.needs_note and not note.strip():
            raise InvalidTransition(f"Say why: a note is needed to {self.label.lower()}.")
        warnings = self.run_checklist(story, facts)
        with transaction.atomic(), reversion.create_revision():
            from_status = story.status
            self.apply(story, user, note=note, **options)
            story.save()
            reversion.set_user(user)
            reversion.set_comment(f"{self.label}{': ' + note if note else ''}")
            transition = StoryTransition.objects.create(
                story=story,
                user=user,
                action=self.name,
                from_status=from_status,
                to_status=story.status,
                note=note,
            )
        _announce(story, transition, user)
        transition.warnings = warnings
        return transition

    def run_checklist(self, story, facts=None):
        """Refuse a story the publish checklist blocks; return the items that only warn."""
        if not self.runs_checklist:
            return []
        result = checklist.run(story, facts)
        if not result.may_publish:
            raise ChecklistFailed(story, self, result)
        return result.warnings

    def check(self, story, user):
        """Refuse, as ``execute`` would, when ``user`` may not take this action on ``story``."""
        if not getattr(policy, self.permission)(user, story):
            raise WorkflowNotAllowed(f"You may not {self.label.lower()} “{story.headline}”.")

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
    runs_checklist = True

    def allowed_from(self, story):
        return super().allowed_from(story) and not story.is_public()

    def apply(self, story, user, *, note, **options):
        refuse_unready(story)
        now = timezone.now()
        if story.publish_at is None or story.publish_at > now:
            story.publish_at = now
        story.status = Status.PUBLISHED


def refuse_unready(story):
    """Stop a publish or schedule that something built on the core objects to (its pictures'
    credits and alt text, media/duties.py): ``InvalidTransition`` naming every reason."""
    reasons = [
        reason for _, found in story_publishing.send(sender=Story, story=story) for reason in found or ()
    ]
    if reasons:
        raise InvalidTransition(f"“{story.headline}” cannot go out yet: {'; '.join(reasons)}.")


class Schedule(Publish):
    """Publish at a future time; query-time visibility makes it go live then."""

    name, label, past_tense = "schedule", "Schedule", "scheduled"

    def apply(self, story, user, *, note, at=None, **options):
        at = at or story.publish_at
        if at is None or at <= timezone.now():
            raise InvalidTransition("Set a publish time in the future to schedule the story.")
        refuse_unready(story)
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


class Withdraw(StoryAction):
    """Take a story off the site whatever its state: its provider canceled or withheld it."""

    name, label, permission = "withdraw", "Withdraw", "may_unpublish"
    past_tense = "withdrawn"
    from_states = (Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED)
    to_status = Status.UNPUBLISHED


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


# The actions offered as buttons, in the order shown; withdraw and correct are asked for by name.
ACTIONS = {action.name: action for action in (Submit(), Publish(), Schedule(), Unpublish(), SendBack())}
ALL_ACTIONS = {**ACTIONS, "withdraw": Withdraw(), "correct": Correct()}


def available_actions(user, story):
    """The status-changing actions ``user`` may take on ``story`` now, for buttons."""
    return [action for action in ACTIONS.values() if action.is_available(user, story)]


def run(name, story, user, **options):
    """Run the action called ``name``; unknown names are refused like forbidden ones."""
    try:
        action = ALL_ACTIONS[name]
    except KeyError:
        raise WorkflowNotAllowed(f"There is no workflow action called “{name}”.") from None
    return action.execute(story, user, **options)


def submit(story, user):
    return run("submit", story, user)


def publish(story, user):
    return run("publish", story, user)


def schedule(story, user, at):
    return run("schedule", story, user, at=at)


def unpublish(story, user):
    return run("unpublish", story, user)


def send_back(story, user, note):
    return run("send_back", story, user, note=note)


def withdraw(story, user, note=""):
    return run("withdraw", story, user, note=note)


def correct(story, user, note, *, kind=Correction.Kind.CORRECTION):
    return run("correct", story, user, note=note, kind=kind)


def action_to_reach(story, status, now=None):
    """The action that takes ``story`` to ``status``, or None when it is there already.

    For doors that name where a story should end up (an import's ``--status``).
    Raises ``InvalidTransition`` when no action leads there from the story's state.
    """
    now = now or timezone.now()
    if status == story.status:
        return None  # published includes scheduled and embargoed: their times say when
    if status == Status.PUBLISHED:
        return ALL_ACTIONS["schedule" if story.publish_at and story.publish_at > now else "publish"]
    if status == Status.IN_REVIEW and story.status == Status.DRAFT:
        return ALL_ACTIONS["submit"]
    if status == Status.DRAFT and story.status in SendBack.from_states and not story.is_public(now):
        return ALL_ACTIONS["send_back"]
    raise InvalidTransition(
        f"“{story.headline}” is {story.get_status_display().lower()}; "
        f"it cannot be made {Status(status).label.lower()} from there."
    )


def create_many(stories, user, status=Status.DRAFT, *, facts=None):
    """Insert new (unsaved) stories that start life as ``status``, through the actions' rules.

    A draft needs no action. Any other status is reached by the action
    ``action_to_reach`` names, checked against ``user``'s permissions for every
    story (``WorkflowNotAllowed`` refuses the whole batch) and against the
    publish checklist (``ChecklistFailed``), and recorded as a transition.
    ``facts`` gives, per story, the rows it will have (``checklist.Facts``: its
    bylines are inserted after it). No revision is written, as for any new story.
    """
    actions = []
    facts = facts or [checklist.Facts() for _story in stories]
    for story, story_facts in zip(stories, facts, strict=True):
        story.status = Status.DRAFT
        action = action_to_reach(story, status)
        if action is not None:
            action.check(story, user)
            action.run_checklist(story, story_facts)
            action.apply(story, user, note="", at=story.publish_at)
        actions.append(action)
    created = Story.objects.create_many(stories)
    transitions = StoryTransition.objects.bulk_create(
        StoryTransition(story=story, user=user, action=action.name, from_status=Status.DRAFT,
                        to_status=story.status)
        for story, action in zip(created, actions, strict=True)
        if action is not None
    )  # fmt: skip
    for transition in transitions:
        _announce(transition.story, transition, user)
    return created


def _announce(story, transition, user):
    story_transitioned.send(sender=Story, story=story, transition=transition, user=user)
    if transition.to_status == Status.PUBLISHED and transition.from_status != Status.PUBLISHED:
        story_published.send(sender=Story, story=story, transition=transition, user=user)


def editorial_state(story, now=None):
    """A short (key, label) for the story's state as the newsroom sees it."""
    now = now or timezone.now()
    if story.status != Status.PUBLISHED:
        return story.status, story.get_status_display()
    if story.is_public(now):
        return "live", "Live"
    if story.embargo_until and story.embargo_until > now:
        return "embargoed", "Embargoed"
    return "scheduled", "Scheduled"
