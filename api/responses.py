"""JSON answers with ETag/304 and the cache headers a CDN in front needs.

Every answer says ``Cache-Control: public, max-age=N`` with ``Vary`` on the
key headers, so a shared cache keeps one copy per key and never hands a
keyed answer to a request without one. N is ``NEWSROOM_API_CACHE_SECONDS``,
cut short by the next scheduled publish time or embargo end, so a cached
list never hides a story that has gone live (the page cache's rule).
"""

import hashlib
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from articles.models import Story

KEY_HEADERS = ("Authorization", "X-API-Key")


def max_age(now=None):
    now = now or timezone.now()
    seconds = settings.NEWSROOM_API_CACHE_SECONDS
    if (release := Story.objects.next_release(now)) is not None:
        seconds = min(seconds, max(0, int((release - now).total_seconds())))
    return seconds


def _cache_headers(response, seconds):
    response["Cache-Control"] = f"public, max-age={seconds}" if seconds else "no-cache"
    patch_vary_headers(response, KEY_HEADERS)
    return response


def json_answer(request, payload):
    """``payload`` as JSON; 304 when the client's ETag still matches."""
    body = json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")).encode()
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    seconds = max_age()
    sent = [tag.strip().removeprefix("W/") for tag in request.headers.get("If-None-Match", "").split(",")]
    if etag in sent or "*" in sent:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    return _cache_headers(response, seconds)
