"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

from newsroom.startup import settings_or_exit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

settings_or_exit(status=3)
application = get_asgi_application()
