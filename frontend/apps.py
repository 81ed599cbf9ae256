from django.apps import AppConfig


class FrontendConfig(AppConfig):
    """The reader site: pages, feeds, sitemaps, the preview door and the page cache."""

    name = "frontend"
    verbose_name = "Reader site"

    def ready(self):
        from articles.signals import content_changed, suggestions_outdated
        from frontend import cache_keys, caching, related

        cache_keys.connect_recording()
        content_changed.connect(caching.invalidate, dispatch_uid="page-cache-invalidation")
        suggestions_outdated.connect(related.forget_pages, dispatch_uid="suggestions-outdated-pages")
