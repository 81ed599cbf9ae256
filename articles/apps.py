from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save

from articles.signals import send_content_changed

# Rows of these apps are what readers see; a change to any of them is announced
# as ``articles.signals.content_changed``. Later apps with public content send it themselves.
CONTENT_APPS = {"articles", "taggit"}
# Bookkeeping of the content core that no reader sees as such: a story's kept "More on
# this" (articles/suggestions.py announces what matters of it itself).
UNANNOUNCED = {"suggestion"}


class ArticlesConfig(AppConfig):
    """The content core: stories and what they are made of, the workflow, the rules.

    It imports none of the apps built on it (desk, frontend, wire...); they
    subscribe to its signals (articles/signals.py).
    """

    name = "articles"
    verbose_name = "Content"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # revisions registers the story with django-reversion
        from articles import revisions, search, suggestions
        from articles.models import Story
        from articles.signals import content_changed, stories_saved, story_published

        revisions.register()
        post_save.connect(_announce_save, weak=False, dispatch_uid="content-changed-save")
        post_delete.connect(_announce_delete, weak=False, dispatch_uid="content-changed-delete")
        m2m_changed.connect(_announce_relation, weak=False, dispatch_uid="content-changed-m2m")
        post_save.connect(search.on_story_saved, sender=Story, dispatch_uid="story-search-vector")
        stories_saved.connect(search.on_stories_saved, sender=Story, dispatch_uid="stories-search-vector")
        content_changed.connect(suggestions.forget_changed, dispatch_uid="suggestions-forget-changed")
        story_published.connect(suggestions.score_when_published, dispatch_uid="suggestions-on-publish")


def _announce_save(sender, instance, created, raw=False, **kwargs):
    if _announced(sender):
        previous = None if created else getattr(instance, "loaded_values", None)
        send_content_changed(sender, instance=instance, previous=previous, created=created)


def _announce_delete(sender, instance, **kwargs):
    if _announced(sender):
        send_content_changed(
            sender, instance=instance, previous=getattr(instance, "loaded_values", None), deleted=True
        )


def _announce_relation(sender, instance, action, pk_set, **kwargs):
    if _announced(sender) and action.startswith("post_"):
        send_content_changed(sender, instance=instance, related_pks=pk_set)


def _announced(model):
    return model._meta.app_label in CONTENT_APPS and model._meta.model_name not in UNANNOUNCED
