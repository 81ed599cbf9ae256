"""Live coverage on the story's admin page: a quick form for a new update, and
per update pin, correct and remove (leaving a visible note), then close the
coverage (articles/models/live.py).

Every screen is a POST back to the story's page. The permission policy
decides each one on the server: whoever may edit the live story adds updates;
only editors pin, correct, remove and close (articles/permissions.py).
"""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from articles.models import Author, LiveUpdate
from articles.models.live import add_update, set_coverage_open
from articles.permissions import policy
from desk.forms import LiveCorrectionForm, LiveUpdateForm, LiveWithdrawForm

# Updates listed on the story's admin page, newest first.
DESK_UPDATES_SHOWN = 30


class LiveCoverageAdminViews:
    """Mixed into the story admin, beside StoryAdminViews (whose ``_story_for`` it uses)."""

    def get_urls(self):
        def view(function, route, name):
            return path(route, self.admin_site.admin_view(require_POST(function)), name=name)

        return [
            view(self.live_add_view, "<int:pk>/live/add/", "articles_story_live_add"),
            view(self.live_update_view, "<int:pk>/live/<int:update_pk>/", "articles_story_live_update"),
            view(self.live_coverage_view, "<int:pk>/live/coverage/", "articles_story_live_coverage"),
            *super().get_urls(),
        ]

    def _back_to_story(self, story):
        return HttpResponseRedirect(reverse("admin:articles_story_change", args=[story.pk]) + "#live-desk")

    def _refuse(self, request, story, form):
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                self.message_user(request, f"{label}: {error}" if label else error, messages.ERROR)
        return self._back_to_story(story)

    def live_add_view(self, request, pk):
        story = self._story_for(
            request, pk, policy.may_add_live_update, "You may not add updates to “{story}”."
        )
        form = LiveUpdateForm(request.POST, prefix="live")
        if not form.is_valid():
            return self._refuse(request, story, form)
        data = form.cleaned_data
        key_event = data["is_key_event"] and policy.may_manage_live(request.user, story)
        add_update(
            story,
            body=data["body"],
            headline=data["headline"],
            image=data["image"],
            author=data["author"],
            key_event=key_event,
            user=request.user,
        )
        self.message_user(request, "The update is published.", messages.SUCCESS)
        return self._back_to_story(story)

    def live_update_view(self, request, pk, update_pk):
        story = self._story_for(
            request, pk, policy.may_manage_live, "Only editors may change the updates of “{story}”."
        )
        update = get_object_or_404(LiveUpdate, pk=update_pk, story=story)
        action = request.POST.get("action")
        if action in ("pin", "unpin") and not update.is_withdrawn:
            update.pin(action == "pin")
            self.message_user(
                request,
                "Pinned as a key event." if action == "pin" else "No longer a key event.",
                messages.SUCCESS,
            )
        elif action == "correct" and not update.is_withdrawn:
            form = LiveCorrectionForm(request.POST)
            if not form.is_valid():
                return self._refuse(request, story, form)
            update.correct(**form.cleaned_data)
            self.message_user(request, "The update is corrected, with its note.", messages.SUCCESS)
        elif action == "withdraw" and not update.is_withdrawn:
            form = LiveWithdrawForm(request.POST)
            if not form.is_valid():
                return self._refuse(request, story, form)
            update.withdraw(note=form.cleaned_data["note"])
            self.message_user(request, "The update is removed; readers see its note.", messages.SUCCESS)
        else:
            self.message_user(request, "Nothing was changed.", messages.WARNING)
        return self._back_to_story(story)

    def live_coverage_view(self, request, pk):
        story = self._story_for(
            request, pk, policy.may_manage_live, "Only editors may close the coverage of “{story}”."
        )
        is_open = request.POST.get("coverage") == "open"
        set_coverage_open(story, is_open)
        self.message_user(
            request, "The coverage is open again." if is_open else "The coverage is closed.", messages.SUCCESS
        )
        return self._back_to_story(story)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.is_live_coverage:
            context.update(self._live_desk_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _live_desk_context(self, request, story):
        may_add = policy.may_add_live_update(request.user, story)
        own = Author.objects.filter(user=request.user).first()
        return {
            "live_desk": True,
            "live_updates": story.live_updates.select_related("author").newest_first()[:DESK_UPDATES_SHOWN],
            "live_form": LiveUpdateForm(initial={"author": own}, admin_site=self.admin_site, prefix="live")
            if may_add
            else None,
            "may_manage_live": policy.may_manage_live(request.user, story),
        }
