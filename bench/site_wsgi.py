"""The site's WSGI application, each response saying which gunicorn worker answered it.

``X-Bench-Worker: <pid>`` lets the news-day benchmark check that a change is
visible on every worker, not just on the one it happened to ask. Nothing else
differs from ``newsroom.wsgi``.
"""

import os

from newsroom.wsgi import application as site


def application(environ, start_response):
    worker = str(os.getpid())

    def start(status, headers, exc_info=None):
        return start_response(status, [*headers, ("X-Bench-Worker", worker)], exc_info)

    return site(environ, start)
