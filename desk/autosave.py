"""Autosave: each person's working copy of the story they are typing (desk.DraftAutosave).

The editor page (static/js/story-autosave.js) posts the form's text fields here while
they change. ``keep`` stores them for that person alone; ``pending`` finds a working
copy worth offering back (newer than the story and different from it); ``clear`` drops
it once the story itself is saved. The story, its versions and its public page are never
touched: restoring only puts the text back in the form, and the person saves it as usual.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from articles.sanitise import sanitise_html
from desk.models import DraftAutosave

# The fields typed as text; everything else (section, times, bylines) is chosen, not typed.
AUTOSAVED_FIELDS = ["headline", "dek", "body", "lead_image_caption", "credit_line", "seo_title",
                    "seo_description"]  # fmt: skip
LONGEST_TEXT = 200_000
# A new story's editor page takes over the newest unsaved copy, so older ones are never
# offered again; they go once a newer one is written, unless written this recently
# (another tab may still be typing its own new story).
OTHER_TAB_GRACE = timedelta(hours=1)


def keep(user, story, token, data):
    """Store ``user``'s text of ``story`` (or of the new story ``token``) from posted ``data``."""
    fields = {name: data.get(name, "")[:LONGEST_TEXT] for name in AUTOSAVED_FIELDS if name in data}
    if "body" in fields:
        # Only its writer reads it back, but it goes into the editor as HTML: clean it as a save would.
        fields["body"] = sanitise_html(fields["body"])
    copy, _ = DraftAutosave.objects.update_or_create(
        user=user,
        story=story,
        token="" if story else token,
        defaults={"fields": fields, "saved_at": timezone.now()},
    )
    if story is None:
        superseded = copy.saved_at - OTHER_TAB_GRACE
        DraftAutosave.objects.filter(user=user, story=None, saved_at__lt=superseded).delete()
    return copy


def pending(user, story=None, token=""):
    """The working copy to offer ``user`` on the story's editor page, if any.

    For a saved story: one newer than the story's last save whose text differs from it.
    For a new story: the one of ``token`` or else the newest one of a story never saved.
    """
    if story is not None:
        copy = DraftAutosave.objects.filter(user=user, story=story, saved_at__gt=story.modified_at).first()
        if copy and any(copy.fields.get(name, "") != (getattr(story, name) or "") for name in copy.fields):
            return copy
        return None
    new = DraftAutosave.objects.filter(user=user, story=None).order_by("-saved_at")
    return (token and new.filter(token=token).first()) or new.first()


def clear(user, story=None, token=""):
    """Drop ``user``'s working copy once the story is saved for real."""
    if story is not None:
        DraftAutosave.objects.filter(user=user, story=story).delete()
    if token:
        DraftAutosave.objects.filter(user=user, story=None, token=token).delete()


def forget_old(now=None):
    """Delete working copies nobody came back to in ``NEWSROOM_AUTOSAVE_KEEP_DAYS``; how many went."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.NEWSROOM_AUTOSAVE_KEEP_DAYS)
    deleted, _ = DraftAutosave.objects.filter(saved_at__lt=cutoff).delete()
    return deleted
