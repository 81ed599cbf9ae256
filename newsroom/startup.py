"""Loading the settings before anything else, so a refused environment is one line, not a traceback."""

import sys

from django.core.exceptions import ImproperlyConfigured


def settings_or_exit(status):
    """Load the settings; if they refuse the environment (say, no SECRET_KEY), print why and exit."""
    from django.conf import settings

    try:
        settings.INSTALLED_APPS  # noqa: B018  (reading one setting loads them all)
    except ImproperlyConfigured as error:
        print(f"Newsroom will not start: {error}", file=sys.stderr)
        sys.exit(status)
