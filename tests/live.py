"""A live story with updates, as the desk makes them (articles/models/live.py)."""

from datetime import timedelta

from django.utils import timezone

from articles.models import Author, LiveUpdate, Story


def live_story(make_story, headline="Storm makes landfall: live", **fields):
    return make_story(headline, story_type=Story.StoryType.LIVE, hours_ago=3, **fields)


def add(story, text, *, minutes_ago=0, headline="", key_event=False, author=None, image=None):
    """An update published ``minutes_ago`` (back-dated, as only tests and the demo do)."""
    return LiveUpdate.objects.create(
        story=story,
        body=f"<p>{text}</p>",
        headline=headline,
        is_key_event=key_event,
        author=Author.objects.get_or_create(slug="ana-lopez", defaults={"name": author})[0]
        if author
        else None,
        image=image,
        published_at=timezone.now() - timedelta(minutes=minutes_ago),
    )
