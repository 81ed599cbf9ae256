"""The content core's Celery tasks (newsroom/celery.py finds them)."""

from celery import shared_task

from articles import suggestions
from articles.models import Story


@shared_task
def score_suggestions_task(pks):
    """Score the "More on this" lists of the stories ``pks``, just gone live (articles/suggestions.py)."""
    stories = Story.objects.filter(pk__in=pks).select_related("section")
    stories = stories.prefetch_related("tags", "related_links")
    for story in stories:
        suggestions.score(story)
