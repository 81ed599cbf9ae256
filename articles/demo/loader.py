"""Load the project's own demo newsroom (stories.json) into the database.

Publish times are relative to now, so the demo always looks current. Stories
are published or scheduled through the workflow, as ``user`` (the demo
editor), so each carries its transition like any other. Loading again adds
only what is missing: a demo story that is already there, perhaps changed by
an editor, is left as it is.
"""

import json
from datetime import timedelta
from html import escape
from pathlib import Path

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from reversion.models import Version

from articles import workflow
from articles.models import (
    Author,
    Byline,
    Correction,
    LiveUpdate,
    Outlet,
    RelatedLink,
    Section,
    SourceAttribution,
    Story,
    StorySlugHistory,
)

DEMO_FILE = Path(__file__).with_name("stories.json")


def render_body(blocks):
    html = []
    for block in blocks:
        if "p" in block:
            html.append(f"<p>{escape(block['p'], quote=False)}</p>")
        elif "h2" in block:
            html.append(f"<h2>{escape(block['h2'], quote=False)}</h2>")
        elif "quote" in block:
            html.append(f"<blockquote><p>{escape(block['quote'], quote=False)}</p></blockquote>")
        elif "ul" in block:
            items = "".join(f"<li>{escape(item, quote=False)}</li>" for item in block["ul"])
            html.append(f"<ul>{items}</ul>")
    return "\n".join(html)


@transaction.atomic
def load_demo(user, path=DEMO_FILE):
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    now = timezone.now().replace(second=0, microsecond=0)

    sections = {}
    for entry in data["sections"]:
        sections[entry["slug"]], _ = Section.objects.get_or_create(
            slug=entry["slug"],
            defaults={
                "name": entry["name"],
                "description": entry.get("description", ""),
                "order": entry.get("order", 0),
                "parent": sections.get(entry.get("parent")),
            },
        )
    authors = {}
    for entry in data["authors"]:
        authors[entry["slug"]], _ = Author.objects.get_or_create(
            slug=entry["slug"],
            defaults={"name": entry["name"], "bio": entry.get("bio", ""),
                      "is_agency": entry["slug"].endswith("wire")},
        )  # fmt: skip

    stories = {}
    for entry in data["stories"]:
        if existing := Story.objects.filter(slug=entry["slug"]).first():
            _add_live_updates(existing, entry, authors, now)
            continue
        stories[entry["slug"]] = (_create_story(entry, sections, authors, user, now), entry)

    for story, entry in stories.values():
        story.related_links.all().delete()
        for i, link in enumerate(entry.get("related", [])):
            if "story" in link:
                target = Story.objects.get(slug=link["story"])
                RelatedLink.objects.create(story=story, position=i, target=target)
            else:
                RelatedLink.objects.create(
                    story=story, position=i, title=link["title"], url=link["url"],
                    outlet_name=link.get("outlet", ""),
                )  # fmt: skip
    return len(stories)


def _create_story(entry, sections, authors, user, now):
    publish_at = now - timedelta(hours=entry["hours_ago"])
    story = Story(
        slug=entry["slug"],
        headline=entry["headline"],
        dek=entry.get("dek", ""),
        body=render_body(entry["body"]),
        section=sections[entry["section"]],
        story_type=entry.get("story_type", "news"),
        credit_line=entry.get("credit_line", ""),
    )
    story.save()
    story.tags.set(entry.get("tags", []))
    Byline.objects.bulk_create(
        Byline(story=story, author=authors[slug], position=i) for i, slug in enumerate(entry["authors"])
    )
    for i, source in enumerate(entry.get("sources", [])):
        outlet, _ = Outlet.objects.get_or_create(name=source["outlet"])
        SourceAttribution.objects.create(story=story, outlet=outlet, url=source.get("url", ""), position=i)
    if entry.get("status", "published") == "draft":
        return story
    if publish_at > timezone.now():
        workflow.schedule(story, user, publish_at)
    else:
        story.publish_at = publish_at
        workflow.publish(story, user)
    for note in entry.get("corrections", []):
        # Back-dated with the demo's clock, so written directly rather than through "correct".
        at = now - timedelta(hours=note["hours_ago"])
        Correction.objects.create(story=story, kind=note["kind"], note=note["note"], published_at=at)
        story.updated_at = max(story.updated_at or at, at)
    if story.updated_at:
        Story.objects.filter(pk=story.pk).update(updated_at=story.updated_at)
    _add_live_updates(story, entry, authors, now)
    return story


def _add_live_updates(story, entry, authors, now):
    """The demo's updates on its live story, unless the story has updates already
    (the desk's own, or those of an earlier load): those are left as they are."""
    if not entry.get("live_updates") or story.live_updates.exists():
        return
    for update in entry["live_updates"]:
        # Back-dated with the demo's clock, so written directly rather than through the desk.
        at = now - timedelta(minutes=update["minutes_ago"])
        LiveUpdate.objects.create(
            story=story,
            published_at=at,
            headline=update.get("headline", ""),
            body=f"<p>{escape(update['text'], quote=False)}</p>",
            author=authors.get(update.get("author")),
            is_key_event=update.get("key_event", False),
            correction_note=update.get("correction", ""),
            corrected_at=at + timedelta(minutes=3) if update.get("correction") else None,
        )


@transaction.atomic
def reset_demo(path=DEMO_FILE):
    """Delete the demo's own stories (by their slugs, old slugs included), so that
    ``load_demo`` brings them back as the demo file has them. Returns how many went."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    slugs = [entry["slug"] for entry in data["stories"]]
    renamed = StorySlugHistory.objects.filter(old_slug__in=slugs).values("story")
    stories = Story.objects.filter(Q(slug__in=slugs) | Q(pk__in=renamed))
    ids = [str(pk) for pk in stories.values_list("pk", flat=True)]
    Version.objects.get_for_model(Story).filter(object_id__in=ids).delete()
    count = stories.count()
    stories.delete()
    return count
