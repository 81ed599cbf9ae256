"""Friendly error pages that still look like the site, and the answer when the database is down.

While the database cannot be reached, a page that has to read it answers
503 with ``Retry-After`` (the page cache serves the pages it still holds; see
``frontend/caching.py``), and the admin shows a maintenance page instead of a
traceback. Nothing is kept in the process: the next request after the
database returns opens a new connection (``conn_health_checks`` in settings),
so the site recovers without restarting gunicorn.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

# What Django raises when the database cannot be reached or a connection died
# (refused, timed out, restarted, "too many clients"). Other database errors
# (integrity, programming) are bugs in our code and stay 500s.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)

# A database restart or failover takes tens of seconds; ask clients and
# crawlers to come back after about that long.
RETRY_AFTER_SECONDS = 30


def permission_denied(request, exception):
    """403 that says why: the admin's look in the admin (the reason is the refusal's message)."""
    match = request.resolver_match
    in_admin = bool(match and match.app_name == "admin") or request.path.startswith("/admin/")
    reason = str(exception) if str(exception) else ""
    if in_admin:
        from django.contrib import admin

        context = {**admin.site.each_context(request), "reason": reason, "title": "Not allowed"}
        return render(request, "admin/403.html", context, status=403)
    return render(request, "403.html", {"reason": reason}, status=403)


def not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors here: the error may be the database itself.
    return HttpResponseServerError(loader.get_template("500.html").render())


def database_unavailable(request):
    """503 with ``Retry-After``: the site's page for readers, a maintenance page in the admin."""
    match = request.resolver_match
    template = "admin/maintenance.html" if match and match.app_name == "admin" else "503.html"
    # Rendered without the request: context processors would query the database.
    response = HttpResponse(loader.get_template(template).render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)  # a CDN must not keep the outage page
    return response


class DatabaseOutageMiddleware:
    """Turns a view's "database unreachable" error into ``database_unavailable``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_UNAVAILABLE):
            return None
        logger.warning("Database unavailable for %s %s: %s", request.method, request.path, exception)
        return database_unavailable(request)
