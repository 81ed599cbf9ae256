"""The site's public address, for links that leave the page: canonical tags, feeds,
sitemaps, robots.txt and structured data.

``settings.NEWSROOM_SITE_URL`` names the public origin (behind a proxy the
request's host may be an internal one); when it is empty the request decides.
"""

from django.conf import settings
from django.templatetags.static import static


def site_root(request=None):
    configured = (settings.NEWSROOM_SITE_URL or "").rstrip("/")
    if configured or request is None:
        return configured
    return f"{request.scheme}://{request.get_host()}"


def absolute_url(path, request=None):
    if path.startswith(("http://", "https://")):
        return path
    return site_root(request) + path


def logo_url(request=None):
    return absolute_url(static("img/logo.png"), request)
