"""What a reader may see besides stories: topics and authors with at least one
public story. Derived from ``Story.objects.published()``, so a tag or author
known only from drafts or embargoed stories stays invisible.

Each asks, per topic or author, whether one public story exists (``EXISTS``,
which stops at the first): looking up one topic or author reads a few of its
stories through its own index rather than every public story's topics.
"""

from django.db.models import Exists, OuterRef
from taggit.models import Tag

from articles.models import Author, Story


def public_tags():
    return Tag.objects.filter(Exists(Story.objects.published().filter(tags=OuterRef("pk")))).order_by("name")


def public_authors():
    has_public_story = Exists(Story.objects.published().filter(bylines__author=OuterRef("pk")))
    return Author.objects.filter(has_public_story).order_by("name")
