from django.conf import settings
from django.utils.functional import SimpleLazyObject

from frontend import site_chrome


def site(request):
    """Site name, the navigation's sections and the breaking-news banner, for every template.

    The last two lazily: read only by the pages that show them (not the admin's)."""
    chrome = SimpleLazyObject(site_chrome.current)  # one generation read for both
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_description": (
            "Independent reporting on world affairs, politics, business, technology, science, "
            f"culture and sport from {settings.NEWSROOM_SITE_NAME}."
        ),
        "nav_sections": SimpleLazyObject(lambda: chrome.sections),
        "breaking_banner": SimpleLazyObject(lambda: chrome.banner()),
    }
