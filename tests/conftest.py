from datetime import timedelta
from itertools import count
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles.models import Author, Byline, Section, Story

# ../shared sits beside the checkout on developer machines and in CI.
SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
REFERENCE_STORY = SAMPLES / "text" / "reference-story.txt"
_numbers = count(1)


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    # Tests render templates without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    # The page cache lives in process memory; each test starts without it.
    cache.clear()


@pytest.fixture
def world(db):
    return Section.objects.create(name="World", slug="world", order=1)


@pytest.fixture
def europe(world):
    return Section.objects.create(name="Europe", slug="europe", order=2, parent=world)


@pytest.fixture
def make_story(world):
    """Build a story; published an hour ago unless told otherwise."""

    def make(headline=None, *, section=None, status=Story.Status.PUBLISHED, hours_ago=1, **fields):
        number = next(_numbers)
        publish_at = fields.pop("publish_at", timezone.now() - timedelta(hours=hours_ago))
        authors = fields.pop("authors", [])
        tags = fields.pop("tags", [])
        story = Story.objects.create(
            headline=headline or f"Story number {number}",
            body=fields.pop("body", f"<p>Body of story {number}.</p>"),
            section=section or world,
            status=status,
            publish_at=publish_at,
            **fields,
        )
        for position, name in enumerate(authors):
            author, _ = Author.objects.get_or_create(
                slug=name.lower().replace(" ", "-"), defaults={"name": name}
            )
            Byline.objects.create(story=story, author=author, position=position)
        if tags:
            story.tags.set(tags)
        return story

    return make
