from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class ArticlesConfig(AppConfig):
    name = "articles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers the story and what it follows with django-reversion.
        from articles import revisions  # noqa: F401
        from articles.caching import content_changed

        # Any saved or deleted row that a public page shows starts a new page-cache generation.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(_if_content(content_changed), weak=False, dispatch_uid=f"page-cache-{signal}")


CONTENT_APPS = {"articles", "taggit"}


def _if_content(receiver):
    def filtered(sender, **kwargs):
        if sender._meta.app_label in CONTENT_APPS:
            receiver(**kwargs)

    return filtered
