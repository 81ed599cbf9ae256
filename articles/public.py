"""What a reader may see besides stories: topics and authors with at least one
public story. Derived from ``Story.objects.published()``, so a tag or author
known only from drafts or embargoed stories stays invisible.
"""

from taggit.models import Tag

from articles.models import Author, Story


def public_tags():
    return Tag.objects.filter(pk__in=Story.objects.published().values("tags")).order_by("name")


def public_authors():
    return Author.objects.filter(pk__in=Story.objects.published().values("bylines__author")).order_by("name")
