"""WSGI entry point, for gunicorn: `gunicorn newsroom.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

from newsroom.startup import settings_or_exit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

# Status 3 is gunicorn's "worker failed to boot": it stops instead of restarting
# the worker forever on settings that can never work.
settings_or_exit(status=3)
django_application = get_wsgi_application()

# Imported once Django is set up (the line above): it reads the page cache's models and settings.
from frontend.hot_pages import HotPages  # noqa: E402

# The page cache's hot pages answered from this process's memory while still current.
application = HotPages(django_application)
