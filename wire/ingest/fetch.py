"""Fetching a feed source: conditional GET, a timeout, a size limit, few redirects, http(s) only,
and only from the source's allowed hosts (redirects included), so a feed URL cannot be turned
into a way to reach the newsroom's internal services. ``get()`` is the same door for the
pictures imports fetch (wire/pictures.py)."""

import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

MAX_REDIRECTS = 3


class FetchRefused(Exception):
    """The fetch is not allowed or its answer is unusable (no point retrying): one-line reason."""


class FetchFailed(Exception):
    """The server could not be reached or answered with an error: worth retrying later."""


@dataclass
class Fetched:
    not_modified: bool
    body: bytes = b""
    etag: str = ""
    last_modified: str = ""


def check_address(url, hosts):
    """Refuse ``url`` unless it is http(s) on one of ``hosts`` (exact, lower-case names)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(f"only http and https addresses are fetched, not {parts.scheme or 'this'}: {url}")
    if (parts.hostname or "").lower() not in hosts:
        raise FetchRefused(f"{parts.hostname} is not among the allowed hosts ({', '.join(hosts) or 'none'})")


class _Redirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, hosts):
        self.hosts, self.count = hosts, 0

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        self.count += 1
        if self.count > MAX_REDIRECTS:
            raise FetchRefused(f"more than {MAX_REDIRECTS} redirects")
        check_address(newurl, self.hosts)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def get(url, hosts, *, timeout, limit, what, headers=None):
    """GET ``url`` from ``hosts`` only, redirects included; (body, response headers).

    At most ``limit`` bytes are read (``what`` names the body in the refusal). A 304 answer
    raises ``urllib.error.HTTPError`` for a conditional GET to handle; any other
    unusable answer raises ``FetchRefused`` or ``FetchFailed``.
    """
    check_address(url, hosts)
    request = urllib.request.Request(url, headers={"User-Agent": "Newsroom wire ingest", **(headers or {})})
    # No proxies from the environment, and none of urllib's other URL schemes (file:, ftp:).
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.HTTPHandler(), urllib.request.HTTPSHandler(), _Redirects(hosts),
        urllib.request.HTTPErrorProcessor(), urllib.request.HTTPDefaultErrorHandler(),
    ):  # fmt: skip
        opener.add_handler(handler)
    try:
        with opener.open(request, timeout=timeout) as response:
            declared = int(response.headers.get("Content-Length") or 0)
            if declared > limit:
                raise FetchRefused(f"{what} is {declared:,} bytes, over the {limit:,}-byte limit")
            body = response.read(limit + 1)
            if len(body) > limit:
                raise FetchRefused(f"{what} is over the {limit:,}-byte limit")
            return body, response.headers
    except urllib.error.HTTPError as error:
        if error.code == 304:
            raise
        raise FetchFailed(f"the server answered {error.code} {error.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise FetchFailed(f"cannot fetch {url}: {reason}") from None


def fetch(source):
    """GET the source's feed, conditionally on what the last fetch saw."""
    conditions = {}
    if source.etag:
        conditions["If-None-Match"] = source.etag
    if source.last_modified:
        conditions["If-Modified-Since"] = source.last_modified
    try:
        body, headers = get(
            source.url, source.hosts(), timeout=settings.NEWSROOM_INGEST_TIMEOUT,
            limit=settings.NEWSROOM_INGEST_MAX_BYTES, what="the feed", headers=conditions,
        )  # fmt: skip
    except urllib.error.HTTPError:  # only a 304 reaches here
        return Fetched(True, etag=source.etag, last_modified=source.last_modified)
    return Fetched(False, body, headers.get("ETag", ""), headers.get("Last-Modified", ""))
