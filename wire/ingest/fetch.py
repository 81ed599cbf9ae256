"""Fetching a feed source: conditional GET, a timeout, a size limit, few redirects, http(s) only,
and only from the source's allowed hosts (redirects included), so a feed URL cannot be turned
into a way to reach the newsroom's internal services."""

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


def _check(url, hosts):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(f"only http and https addresses are fetched, not {parts.scheme or 'this'}: {url}")
    if (parts.hostname or "").lower() not in hosts:
        raise FetchRefused(f"{parts.hostname} is not among the source's allowed hosts ({', '.join(hosts)})")


class _Redirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, hosts):
        self.hosts, self.count = hosts, 0

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        self.count += 1
        if self.count > MAX_REDIRECTS:
            raise FetchRefused(f"more than {MAX_REDIRECTS} redirects")
        _check(newurl, self.hosts)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(source):
    """GET the source's feed, conditionally on what the last fetch saw."""
    hosts = source.hosts()
    _check(source.url, hosts)
    request = urllib.request.Request(source.url, headers={"User-Agent": "Newsroom wire ingest"})
    if source.etag:
        request.add_header("If-None-Match", source.etag)
    if source.last_modified:
        request.add_header("If-Modified-Since", source.last_modified)
    # No proxies from the environment, and none of urllib's other URL schemes (file:, ftp:).
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.HTTPHandler(), urllib.request.HTTPSHandler(), _Redirects(hosts),
        urllib.request.HTTPErrorProcessor(), urllib.request.HTTPDefaultErrorHandler(),
    ):  # fmt: skip
        opener.add_handler(handler)
    limit = settings.NEWSROOM_INGEST_MAX_BYTES
    try:
        with opener.open(request, timeout=settings.NEWSROOM_INGEST_TIMEOUT) as response:
            declared = int(response.headers.get("Content-Length") or 0)
            if declared > limit:
                raise FetchRefused(f"the feed is {declared:,} bytes, over the {limit:,}-byte limit")
            body = response.read(limit + 1)
            if len(body) > limit:
                raise FetchRefused(f"the feed is over the {limit:,}-byte limit")
            return Fetched(
                False, body, response.headers.get("ETag", ""), response.headers.get("Last-Modified", "")
            )
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return Fetched(True, etag=source.etag, last_modified=source.last_modified)
        raise FetchFailed(f"the server answered {error.code} {error.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise FetchFailed(f"cannot fetch {source.url}: {reason}") from None
