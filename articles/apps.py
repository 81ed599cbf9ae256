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
        post_save.connect(_announce_save, weak=False, dispatch_uid="content-changed-save")
        post_delete.connect(_announce_delete, weak=False, dispatch_uid="content-changed-delete")
        m2m_changed.connect(_announce_relation, weak=False, dispatch_uid="content-changed-m2m")
        post_save.connect(search.on_story_saved, sender=Story, dispatch_uid="story-search-vector")
        stories_saved.connect(search.on_stories_saved, sender=Story, dispatch_uid="stories-search-vector")


def _announce_save(sender, instance, created, raw=False, **kwargs):
    if sender._meta.app_label in CONTENT_APPS:
        previous = None if created else getattr(instance, "loaded_values", None)
        send_content_changed(sender, instance=instance, previous=previous, created=created)


def _announce_delete(sender, instance, **kwargs):
    if sender._meta.app_label in CONTENT_APPS:
        send_content_changed(
            sender, instance=instance, previous=getattr(instance, "loaded_values", None), deleted=True
        )


def _announce_relation(sender, instance, action, pk_set, **kwargs):
    if sender._meta.app_label in CONTENT_APPS and action.startswith("post_"):
        send_content_changed(sender, instance=instance, related_pks=pk_set)
