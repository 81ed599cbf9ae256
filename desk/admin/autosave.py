"""The story editor's autosave doors (desk/autosave.py holds the rules).

``autosave/`` answers GET with the person's working copy (JSON) and stores one on POST;
``autosave/discard/`` drops it. Each names the story by ``story`` (its pk) or, before its
first save, by the ``token`` its editor page was given. Only the person's own copy is
ever read or written, and only for a story they may edit (or, new, may write at all).
"""

import uuid

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from articles.dates import moment
from articles.permissions import policy
from desk import autosave

TOKEN_FIELD = "_autosave_token"


class StoryAutosaveViews:
    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("autosave/", view(never_cache(require_http_methods(["GET", "POST"])(self.autosave_view))),
                 name="articles_story_autosave"),
            path("autosave/discard/", view(require_POST(self.autosave_discard_view)),
                 name="articles_story_autosave_discard"),
            *super().get_urls(),
        ]  # fmt: skip

    def _autosave_target(self, request, data):
        """(story or None, token) the request names, refused unless the person may edit it."""
        pk = data.get("story", "")
        if pk.isdigit():
            story = get_object_or_404(self.get_queryset(request), pk=pk)
            if not policy.may_edit(request.user, story):
                raise PermissionDenied("You may not edit this story, so nothing of it is kept for you.")
            return story, ""
        token = data.get("token", "").strip()[:40]
        if not token or not policy.may_create(request.user):
            raise PermissionDenied("You may not write stories.")
        return None, token

    def autosave_view(self, request):
        if request.method == "GET":
            story, token = self._autosave_target(request, request.GET)
            copy = autosave.pending(request.user, story, token)
            if copy is None or (story is None and copy.token != token):
                return JsonResponse({"fields": None})
            return JsonResponse({"fields": copy.fields, "saved_at": moment(copy.saved_at)})
        story, token = self._autosave_target(request, request.POST)
        copy = autosave.keep(request.user, story, token, request.POST)
        return JsonResponse({"saved_at": moment(copy.saved_at)})

    def autosave_discard_view(self, request):
        story, token = self._autosave_target(request, request.POST)
        autosave.clear(request.user, story, token)
        return JsonResponse({"discarded": True})

    def autosave_context(self, request, story):
        """What the editor page needs: where to post, the new story's token, a copy to offer."""
        posted = request.POST.get(TOKEN_FIELD, "").strip()[:40] if request.method == "POST" else ""
        if request.method == "POST":
            # A form sent back with errors still holds what was typed: offer nothing, and
            # keep the page's token so the copy it keeps is the one the save will clear.
            offered, token = None, posted or (uuid.uuid4().hex if story is None else "")
        elif story is None:
            offered = autosave.pending(request.user)
            token = offered.token if offered else uuid.uuid4().hex
        else:
            offered, token = autosave.pending(request.user, story), ""
        return {
            "autosave_url": reverse("admin:articles_story_autosave"),
            "autosave_discard_url": reverse("admin:articles_story_autosave_discard"),
            "autosave_token": token,
            "autosave_offered": offered,
        }

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The story now holds what was typed: the working copy has done its job.
        autosave.clear(request.user, obj, request.POST.get(TOKEN_FIELD, "").strip()[:40])

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if add or self.has_change_permission(request, obj):
            context.update(self.autosave_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)
