"""Settings with the content core alone: Django's own apps, taggit, reversion,
``articles`` and the picture library its stories refer to (``media``). Used by
test_layout.py to show the core needs none of the other apps built on it."""

from newsroom.settings import *  # noqa: F403
from newsroom.settings import MIDDLEWARE, TEMPLATES

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "taggit",
    "reversion",
    "articles",
    "media",
]
ROOT_URLCONF = "tests.content.core_only_urls"
TEMPLATES = [
    {
        **TEMPLATES[0],
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
# Login throttling (axes), the CSP (csp), the other headers (ops) and the public site (frontend)
# are apps left out here.
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
MIDDLEWARE = [name for name in MIDDLEWARE if not name.startswith(("axes.", "csp.", "ops.", "frontend."))]
