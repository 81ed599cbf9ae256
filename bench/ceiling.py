"""The ceiling: the least a Django process can do to answer with a page.

One view, no middleware, no database, no templates: it returns the bytes of the
file named by CEILING_PAGE (the benchmark saves the article page there), for
any path. What the site achieves is measured against this, on the same
machine, under the same gunicorn and wrk settings.

    gunicorn --pythonpath bench ceiling:application
"""

import os

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="ceiling-" + "x" * 50,
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)

from django.core.wsgi import get_wsgi_application  # noqa: E402 (needs the settings above)
from django.http import HttpResponse  # noqa: E402
from django.urls import re_path  # noqa: E402

with open(os.environ["CEILING_PAGE"], "rb") as page_file:
    PAGE = page_file.read()


def page(request):
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [re_path(r"", page)]
application = get_wsgi_application()
