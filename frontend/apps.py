from django.apps import AppConfig


class FrontendConfig(AppConfig):
    """The reader site: pages, feeds, sitemaps, the preview door and the page cache."""

    name = "frontend"
    verbose_name = "Reader site"

    def ready(self):
        from articles.signals import content_changed
        from frontend.caching import start_new_generation

        content_changed.connect(start_new_generation, dispatch_uid="page-cache-generation")
