"""System checks for Newsroom's own settings (run by `manage.py check`, `--deploy` and `doctor`)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.compatibility)
def site_url_is_an_origin(app_configs, **kwargs):
    url = settings.NEWSROOM_SITE_URL
    if not url:
        return []
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc and parts.path in ("", "/"):
        return []
    return [
        Error(
            f"NEWSROOM_SITE_URL is {url!r}, which is not a site address.",
            hint="Set it to the public origin only, e.g. https://news.example.org, or leave it empty.",
            id="ops.E001",
        )
    ]


@register(Tags.security, deploy=True)
def site_url_is_set(app_configs, **kwargs):
    if settings.DEBUG or settings.NEWSROOM_SITE_URL:
        return []
    return [
        Warning(
            "NEWSROOM_SITE_URL is not set, so canonical links, feeds and sitemaps use whatever "
            "address each request came to (behind a proxy or CDN, perhaps an internal one).",
            hint="Set NEWSROOM_SITE_URL to the public origin, e.g. https://news.example.org.",
            id="ops.W001",
        )
    ]
