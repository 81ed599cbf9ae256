"""Withheld wire items: off the site until a later version releases them.

A provider withholds an item (NewsML-G2 ``stat:withheld``, ninjs and NITF
"withheld") when it must not be used for now: a legal check, a name not yet
released. Unlike a canceled item it is expected back. The story is withdrawn
by the workflow (as for a cancellation) with a note saying it was withheld;
when a later, usable version arrives, ``release`` takes the story back to the
status it had before, again through the workflow's actions, as the import
account. A story an editor moved since the withholding is left alone.
"""

from articles import workflow
from articles.models import Story

WITHHELD = "Withheld by"


def withheld_note(item):
    return (
        f"{WITHHELD} {item.format} import: {item.origin} (version {item.version or '?'}); "
        "a later version from the provider releases it"
    )


def release(story, user, note):
    """Undo the provider's withholding of ``story``, if that is what keeps it off the site."""
    if story.status != Story.Status.UNPUBLISHED:
        return
    last = story.transitions.order_by("-at", "-pk").first()
    if last is None or last.action != "withdraw" or not last.note.startswith(WITHHELD):
        return
    if last.from_status == Story.Status.IN_REVIEW:
        workflow.send_back(story, user, note=note)
    if action := workflow.action_to_reach(story, last.from_status):
        action.execute(story, user, note=note)
