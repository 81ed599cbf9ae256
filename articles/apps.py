from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers the story and what it follows with django-reversion.
        from articles import revisions  # noqa: F401
