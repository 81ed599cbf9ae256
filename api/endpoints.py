"""The read API: published stories (ninjs 3.x), sections, authors and topics.

Every story comes from ``Story.objects.published()``, the one visibility rule,
so drafts, scheduled and embargoed stories never appear; authors and topics
are those of public stories (``articles.public``). Built on django-ninja:
typed parameters are validated and described in the OpenAPI document at
``/api/openapi.json`` (interactive at ``/api/docs``).
"""

from datetime import UTC, datetime
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import NinjaAPI, Path, Query
from ninja.security import APIKeyHeader, HttpBearer

from api import cursors, ratelimit
from api.keys import key_for
from api.responses import json_answer
from api.schemas import AuthorPage, Error, NinjsStory, SectionPage, StoryPage, TopicPage
from articles.models import Section, Story
from articles.public import public_authors, public_tags
from wire.exporters.ninjs import story_to_ninjs

MAX_LIMIT = 100
LARGEST_ID = 2**63 - 1
ERRORS = {400: Error, 401: Error, 429: Error}


class _KeyCheck:
    def authenticate(self, request, key):
        found = key_for(key)
        if found is not None:
            request.api_key = found
            request.rate_remaining = ratelimit.hit(found)
        return found


class KeyHeader(_KeyCheck, APIKeyHeader):
    param_name = "X-API-Key"


class BearerKey(_KeyCheck, HttpBearer):
    pass


api = NinjaAPI(
    title="Newsroom read API",
    version="1",
    description="Published stories (IPTC ninjs 3.x), sections, authors and topics. "
    "Send your key as `X-API-Key: …` or `Authorization: Bearer …`.",
    auth=[KeyHeader(), BearerKey()],
    urls_namespace="api",
)


@api.exception_handler(ratelimit.RateLimited)
def _rate_limited(request, error):
    response = JsonResponse({"detail": str(error)}, status=429)
    response["Retry-After"] = str(error.retry_after)
    return response


@api.exception_handler(cursors.BadParameter)
def _bad_cursor(request, error):
    return JsonResponse({"detail": str(error)}, status=400)


def _next(request, cursor):
    if cursor is None:
        return None
    query = {key: value for key, value in request.GET.items() if key != "cursor"}
    return request.build_absolute_uri(f"{request.path}?{urlencode({**query, 'cursor': cursor})}")


def _limit():
    return Query(20, ge=1, le=MAX_LIMIT, description=f"Items per page (at most {MAX_LIMIT}).")


@api.get("/stories", response={200: StoryPage, 304: None, **ERRORS}, summary="Published stories")
def stories(
    request,
    section: str | None = Query(None, description="Section slug (includes its sub-sections)."),
    topic: str | None = Query(None, description="Topic (tag) slug."),
    author: str | None = Query(None, description="Author slug."),
    since: datetime | None = Query(None, description="Published at or after this time (ISO 8601)."),
    until: datetime | None = Query(None, description="Published before this time (ISO 8601)."),
    cursor: str | None = Query(None, description="The cursor in the previous page's `next`."),
    limit: int = _limit(),
):
    found = Story.objects.published()
    if section:
        found = found.filter(Q(section__slug=section) | Q(section__parent__slug=section))
    if topic:
        found = found.filter(tags__slug=topic)
    if author:
        found = found.filter(bylines__author__slug=author)
    if since:
        found = found.filter(publish_at__gte=_utc(since, "since"))
    if until:
        found = found.filter(publish_at__lt=_utc(until, "until"))
    if cursor:
        found = found.filter(cursors.after_story(cursor))
    # Filtering by topic or author joins one row per match; the ids keep each story once.
    found = Story.objects.filter(pk__in=found.values("pk")).latest_first().for_article_page()
    rows, next_cursor = cursors.page_of(found, limit, cursors.story_cursor)
    items = [story_to_ninjs(s) for s in rows]
    return json_answer(request, {"items": items, "next": _next(request, next_cursor)})


@api.get(
    "/stories/{story_id}", response={200: NinjsStory, 304: None, 404: Error, **ERRORS},
    summary="One published story",
)  # fmt: skip
def story(request, story_id: int = Path(..., ge=1, le=LARGEST_ID)):
    found = get_object_or_404(Story.objects.published().for_article_page(), pk=story_id)
    return json_answer(request, story_to_ninjs(found))


@api.get("/sections", response={200: SectionPage, 304: None, **ERRORS}, summary="Sections")
def sections(request, cursor: str | None = None, limit: int = _limit()):
    found = Section.objects.select_related("parent").order_by("pk")
    if cursor:
        found = found.filter(cursors.after_id(cursor))
    rows, next_cursor = cursors.page_of(found, limit, lambda row: cursors.encode(row.pk))
    items = [
        {"slug": s.slug, "name": s.name, "parent": s.parent.slug if s.parent_id else None,
         "url": _absolute(s.get_absolute_url())}
        for s in rows
    ]  # fmt: skip
    return json_answer(request, {"items": items, "next": _next(request, next_cursor)})


@api.get("/authors", response={200: AuthorPage, 304: None, **ERRORS}, summary="Authors of public stories")
def authors(request, cursor: str | None = None, limit: int = _limit()):
    found = public_authors().order_by("pk")
    if cursor:
        found = found.filter(cursors.after_id(cursor))
    rows, next_cursor = cursors.page_of(found, limit, lambda row: cursors.encode(row.pk))
    items = [
        {"slug": a.slug, "name": a.name, "is_agency": a.is_agency, "url": _absolute(a.get_absolute_url())}
        for a in rows
    ]
    return json_answer(request, {"items": items, "next": _next(request, next_cursor)})


@api.get("/topics", response={200: TopicPage, 304: None, **ERRORS}, summary="Topics of public stories")
def topics(request, cursor: str | None = None, limit: int = _limit()):
    found = public_tags().order_by("pk")
    if cursor:
        found = found.filter(cursors.after_id(cursor))
    rows, next_cursor = cursors.page_of(found, limit, lambda row: cursors.encode(row.pk))
    items = [
        {"slug": t.slug, "name": t.name, "url": _absolute(reverse("frontend:tag", kwargs={"slug": t.slug}))}
        for t in rows
    ]
    return json_answer(request, {"items": items, "next": _next(request, next_cursor)})


def _utc(moment, name):
    """``moment`` in UTC (a time without an offset is the newsroom's); 400 for one no database holds."""
    try:
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):
        raise cursors.BadParameter(f"{name} is outside the range of dates the API can search") from None


def _absolute(url):
    return settings.NEWSROOM_SITE_URL.rstrip("/") + url
