"""WSGI entry point, for gunicorn: `gunicorn newsroom.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

from newsroom.startup import settings_or_exit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

# Status 3 is gunicorn's "worker failed to boot": it stops instead of restarting
# the worker forever on settings that can never work.
settings_or_exit(status=3)
application = get_wsgi_application()
