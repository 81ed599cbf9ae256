from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save

from articles.signals import send_content_changed

# Rows of these apps are what readers see; a change to any of them is announced
# as ``articles.signals.content_changed``. Later apps with public content send it themselves.
CONTENT_APPS = {"articles", "taggit"}


class ArticlesConfig(AppConfig):
    """The content core: stories and what they are made of, the workflow, the rules.

    It imports none of the apps built on it (desk, frontend, wire...); they
    subscribe to its signals (articles/signals.py).
    """

    name = "articles"
    verbose_name = "Content"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from articles import revisions, search  # revisions registers the story with django-reversion
        from articles.models import Story
        from articles.signals import stories_saved

        revisions.register()
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(_announce_content_change, weak=False, dispatch_uid=f"content-changed-{signal}")
        post_save.connect(search.on_story_saved, sender=Story, dispatch_uid="story-search-vector")
        stories_saved.connect(search.on_stories_saved, sender=Story, dispatch_uid="stories-search-vector")


def _announce_content_change(sender, **kwargs):
    if sender._meta.app_label in CONTENT_APPS:
        send_content_changed(sender)
