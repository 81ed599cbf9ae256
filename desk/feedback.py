"""What the desk is told after a workflow step: exactly what happened, with times
in the newsroom's time zone ("Scheduled for Tue 1 Dec, 13:13")."""

from django.utils import timezone

from articles.dates import moment


def transition_message(story, transition, now=None):
    """One sentence saying where ``story`` now stands after ``transition``."""
    now = now or timezone.now()
    headline = f"“{story.headline}”"
    if transition.action == "submit":
        return f"Submitted {headline} for review. Editors see it under “Waiting for review”."
    if transition.action == "send_back":
        return f"Sent {headline} back to its reporter as a draft, with your note."
    if transition.action in ("unpublish", "withdraw"):
        return f"Unpublished {headline}: readers no longer see it."
    if transition.action in ("publish", "schedule"):
        if story.embargo_until and story.embargo_until > now:
            lifts = moment(story.embargo_until)
            return f"Embargoed {headline}: it goes live when the embargo lifts, {lifts}."
        if story.publish_at and story.publish_at > now:
            return f"Scheduled {headline} for {moment(story.publish_at)}."
        return f"Published {headline}: it is live now."
    return f"{transition.action.replace('_', ' ').capitalize()}: {headline}."


def checklist_warnings(transition):
    """The checklist items that only warned, as one sentence, or ''."""
    problems = [item.problem for item in getattr(transition, "warnings", [])]
    return ("Worth fixing: " + " ".join(problems)) if problems else ""
