"""The pages this process served from the page cache lately, answered before Django.

A hit of the page cache (``frontend/caching.py``) still walks Django's request
handling: the request object, the request signals (which look at every
database connection), the middleware above ``CachedPageMiddleware``, and a
read and unpickling of the whole page from the shared cache. Measured
in-process on the article page, that was about three and a half times what a
bare Django view answering the same bytes costs, and it is what a news
site's hot pages (the home page, the story everyone reads) do all day.

``HotPages`` wraps the WSGI application (``newsroom/wsgi.py``). When Django
answers an anonymous GET with a fresh hit, it keeps what went out (status,
every header, the body) in this process's memory, with the generation of the
shared cache the page was found current under and the page's expiry. The next
identical request is answered from memory after one small read: the current
generation; when that moved (something somewhere changed), the versions of
the page's own keys too. It is the page cache's own rule, unchanged: a page is
served only while nothing it shows was bumped since it was found current, and
never past its expiry (a scheduled release, its lifetime). So a change made by
any process (another worker, ``import_stories``, a shell) is seen on the next
request, as before; nothing is kept here that the shared cache does not vouch
for.

Only plain requests are answered here; a request that could be answered
differently goes to Django: another method, a session cookie (staff), a
conditional GET (Django answers 304), or a page that set a cookie or varies.
The pages kept are bounded by ``NEWSROOM_HOT_PAGES_BYTES`` (0 turns this off),
least recently served dropped first.
"""

import threading
import time
from collections import OrderedDict

from django.conf import settings

from frontend.caching import GENERATION_KEY, HOT_PAGE, cache_control, current_under
from frontend.safe_cache import page_cache

# What Django reads to work out a request's address (its host, scheme and path):
# two requests alike in all of these are the same page.
ADDRESS = (
    "wsgi.url_scheme",
    "HTTP_HOST",
    "SERVER_NAME",
    "SERVER_PORT",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_FORWARDED_PROTO",
    "SCRIPT_NAME",
    "PATH_INFO",
    "QUERY_STRING",
)
# Whoever sends one of these may need another answer than the page as stored.
ASKS_FOR_MORE = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
    "HTTP_RANGE",
)


class _Page:
    __slots__ = ("body", "found", "headers", "status")

    def __init__(self, status, headers, body, found):
        self.status, self.headers, self.body = status, headers, body
        self.found = found  # frontend.caching.HotPage

    @property
    def expires(self):
        return self.found.expires


class HotPages:
    """WSGI middleware answering the pages Django last served as fresh hits, while still current."""

    def __init__(self, application):
        self.application = application
        self.pages = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()  # gunicorn's threaded workers share one instance

    def __call__(self, environ, start_response):
        limit = settings.NEWSROOM_HOT_PAGES_BYTES
        address = self._address(environ) if limit else None
        if address is None:
            return self.application(environ, start_response)
        page = self.pages.get(address)
        if page is not None:
            if page.expires > time.time() and self._still_current(page):
                with self.lock:
                    if address in self.pages:
                        self.pages.move_to_end(address)
                start_response(page.status, self._headers(page))
                return [page.body]
            self._forget(address, page)
        return self._served_by_django(address, limit, environ, start_response)

    @staticmethod
    def _still_current(page):
        """Whether nothing ``page`` shows was bumped since it was found current.

        Any bump moves the generation, and on a news day something is bumped
        every few seconds: then the page's own keys are read, as the page
        cache's first hit after a bump does, and when none of them moved the
        page is current under the new generation.
        """
        current = page_cache.get(GENERATION_KEY)
        if current is None:
            return False  # the cache cannot say: Django answers (uncached, if the cache is down)
        if current == page.found.generation:
            return True
        if current_under(current, page.found.keys, page.found.moment):
            page.found = page.found._replace(generation=current)
            return True
        return False

    def _served_by_django(self, address, limit, environ, start_response):
        sent = {}

        def start(status, headers, exc_info=None):
            sent["status"], sent["headers"] = status, headers
            return start_response(status, headers, exc_info)

        response = self.application(environ, start)
        found = environ.get(HOT_PAGE)
        if found is None or not sent["status"].startswith("200") or not self._may_keep(sent["headers"]):
            return response
        try:
            body = b"".join(response)
        finally:
            if hasattr(response, "close"):
                response.close()
        if len(body) <= limit // 4:  # one page never takes most of the room
            self._keep(address, _Page(sent["status"], sent["headers"], body, found), limit)
        return [body]

    def _address(self, environ):
        """The request's address when it may be answered from memory, else None."""
        if environ.get("REQUEST_METHOD") != "GET":
            return None
        if any(name in environ for name in ASKS_FOR_MORE):
            return None
        if settings.SESSION_COOKIE_NAME in environ.get("HTTP_COOKIE", ""):
            return None  # maybe staff; a cookie merely resembling it only costs the fast path
        return tuple(environ.get(name) for name in ADDRESS)

    @staticmethod
    def _may_keep(headers):
        return not any(name.lower() in ("set-cookie", "vary") for name, _ in headers)

    @staticmethod
    def _headers(page):
        """The headers sent with the page, its lifetime counted down to its expiry."""
        left = min(max(0, int(page.expires - time.time())), settings.NEWSROOM_PAGE_CACHE_SECONDS)
        return [
            (name, cache_control(left) if name == "Cache-Control" else value) for name, value in page.headers
        ]

    def _forget(self, address, page):
        with self.lock:
            if self.pages.get(address) is page:
                del self.pages[address]
                self.size -= len(page.body)

    def _keep(self, address, page, limit):
        with self.lock:
            previous = self.pages.pop(address, None)
            if previous is not None:
                self.size -= len(previous.body)
            self.pages[address] = page
            self.size += len(page.body)
            while self.size > limit and self.pages:
                _, dropped = self.pages.popitem(last=False)
                self.size -= len(dropped.body)
