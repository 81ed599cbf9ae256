"""The story admin's own screens and hooks: workflow buttons, preview, versions
(compare and restore), corrections and held wire updates. admin.py stays declarative and mixes
this in; every decision is asked of the permission policy or the workflow."""

from dataclasses import dataclass

import reversion
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from reversion.models import Version

from articles import checklist, preview, revisions, workflow
from articles.dates import moment
from articles.models import Story
from articles.permissions import policy
from desk import feedback
from desk.forms import CorrectionForm
from frontend.preview import render_preview
from wire import saving
from wire.items import InvalidSource
from wire.models import HeldUpdate


class StoryAdminViews:
    change_form_template = "admin/articles/story/change_form.html"

    # Pages

    def get_urls(self):
        def view(function, suffix):
            return path(
                f"<int:pk>/{suffix}/",
                self.admin_site.admin_view(function),
                name=f"articles_story_{suffix}",
            )

        return [
            view(self.preview_view, "preview"),
            view(self.versions_view, "versions"),
            view(self.compare_view, "compare"),
            view(self.restore_view, "restore"),
            view(self.correct_view, "correct"),
            view(require_POST(self.apply_wire_update_view), "apply_wire_update"),
            path(
                "checklist/",
                self.admin_site.admin_view(require_POST(self.checklist_view)),
                name="articles_story_checklist",
            ),
            *super().get_urls(),
        ]

    def _story_for(self, request, pk, may, refusal="You may not do that to this story."):
        story = get_object_or_404(self.get_queryset(request), pk=pk)
        if not may(request.user, story):
            raise PermissionDenied(refusal.format(story=story))
        return story

    def _render(self, request, template, story, title, **context):
        return TemplateResponse(
            request,
            f"admin/articles/story/{template}",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": story,
                "title": title,
                **context,
            },
        )

    @method_decorator(never_cache)
    def preview_view(self, request, pk):
        """The story as its public page will look, for staff the policy lets see it."""
        self._story_for(request, pk, policy.may_preview)
        return render_preview(request, get_object_or_404(Story.objects.for_article_page(), pk=pk))

    def versions_view(self, request, pk):
        story = self._story_for(request, pk, policy.may_view)
        return self._render(
            request,
            "versions.html",
            story,
            f"Versions of “{story.headline}”",
            versions=revisions.versions_of(story),
            may_restore=policy.may_edit(request.user, story),
        )

    def compare_view(self, request, pk):
        story = self._story_for(request, pk, policy.may_view)
        versions = revisions.versions_of(story)
        older = get_object_or_404(versions, pk=request.GET.get("older", "").strip() or None)
        newer = get_object_or_404(versions, pk=request.GET.get("newer", "").strip() or None)
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        return self._render(
            request,
            "compare.html",
            story,
            f"Changes to “{story.headline}”",
            older=older,
            newer=newer,
            changes=revisions.compare(older, newer),
            may_restore=policy.may_edit(request.user, story),
        )

    def restore_view(self, request, pk):
        """GET: what restoring the version would change; POST: restore it."""
        story = self._story_for(
            request, pk, policy.may_edit,
            "Only editors, or its reporter while it is a draft, may restore a version of “{story}”.",
        )  # fmt: skip
        chosen = request.POST.get("version") if request.method == "POST" else request.GET.get("version")
        version = get_object_or_404(Version.objects.get_for_object(story), pk=(chosen or "").strip() or None)
        saved_at = moment(version.revision.date_created)
        if request.method != "POST":
            return self._render(
                request,
                "restore.html",
                story,
                f"Restore the version of {saved_at}?",
                version=version,
                changes=revisions.restore_preview(story, version),
            )
        missing = revisions.restore(story, version, request.user)
        self.message_user(request, f"Restored the version of {saved_at}.", messages.SUCCESS)
        for line in missing:
            self.message_user(request, f"Could not bring back {line}.", messages.WARNING)
        return HttpResponseRedirect(reverse("admin:articles_story_change", args=[story.pk]))

    def correct_view(self, request, pk):
        story = self._story_for(request, pk, policy.may_correct, "Only editors may correct “{story}”.")
        form = CorrectionForm(request.POST or None)
        if form.is_valid():
            try:
                workflow.correct(
                    story, request.user, form.cleaned_data["note"], kind=form.cleaned_data["kind"]
                )
            except workflow.InvalidTransition as reason:
                form.add_error(None, str(reason))
            else:
                self.message_user(request, "The correction is published on the story.", messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:articles_story_change", args=[story.pk]))
        return self._render(request, "correct.html", story, f"Correct “{story.headline}”", form=form)

    def apply_wire_update_view(self, request, pk):
        """Apply the wire version held for a story the desk had changed (wire/saving.py)."""
        refusal = "Only editors may apply a wire update to “{story}”."
        story = self._story_for(request, pk, policy.may_edit, refusal)
        held = get_object_or_404(HeldUpdate, story=story)
        try:
            saving.apply_held(story, request.user)
        except InvalidSource as reason:
            self.message_user(request, f"The wire update could not be applied: {reason}", messages.ERROR)
        else:
            self.message_user(
                request, f"Applied the wire update (version {held.version or '?'}).", messages.SUCCESS
            )
        return HttpResponseRedirect(reverse("admin:articles_story_change", args=[story.pk]))

    def checklist_view(self, request):
        """The publish checklist of the story form as typed (JSON), for the editor's side panel.

        Nothing is saved; ``?story=<pk>`` names the story being edited, if any.
        """
        if not policy.may_create(request.user):
            raise PermissionDenied("You may not write stories.")
        pk = request.GET.get("story", "")
        saved = get_object_or_404(self.get_queryset(request), pk=pk) if pk.isdigit() else None
        nameable = policy.visible_stories(request.user)
        return JsonResponse(checklist_of_form(request.POST, saved, nameable).as_json())

    # Hooks of the change form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Every admin save keeps a version, together with the inlines it follows.
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment("Saved in the admin")
            return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        story = obj or Story(created_by=request.user)
        editable = self.has_change_permission(request, obj) or add
        actions = workflow.available_actions(request.user, story) if editable else []
        nameable = policy.visible_stories(request.user)
        context.update(
            workflow_actions=actions,
            buttons=editor_buttons(story, actions, may_save=editable),
            checklist=checklist.run(story, nameable=nameable) if editable else None,
            checklist_url=reverse("admin:articles_story_checklist") + (f"?story={obj.pk}" if obj else ""),
            may_correct=bool(obj) and workflow.ALL_ACTIONS["correct"].is_available(request.user, story),
            shared_preview_url=request.build_absolute_uri(preview.preview_url(obj))
            if obj and not obj.is_public() and policy.may_preview(request.user, obj)
            else "",
            **self._wire_update_context(request, obj),
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _wire_update_context(self, request, story):
        held = HeldUpdate.objects.filter(story=story).first() if story else None
        if held is None:
            return {}
        return {
            "held_update": held,
            "held_changes": revisions.diff(revisions.restorable_lines(story), held.preview),
            "may_apply_held": policy.may_edit(request.user, story),
        }

    def response_add(self, request, obj, post_url_continue=None):
        return self._run_workflow_button(request, obj) or super().response_add(
            request, obj, post_url_continue
        )

    def response_change(self, request, obj):
        return self._run_workflow_button(request, obj) or super().response_change(request, obj)

    def _run_workflow_button(self, request, story):
        """After a save, run the workflow step whose button was pressed, if any.

        A step the user may not take raises PermissionDenied, which rolls the
        whole save back: a forged button press changes nothing.
        """
        name = request.POST.get("_workflow")
        if not name:
            return None
        try:
            transition = workflow.run(name, story, request.user, note=request.POST.get("workflow_note", ""))
        except workflow.InvalidTransition as reason:
            self.message_user(request, f"Saved, but not moved on: {reason}", messages.ERROR)
        else:
            self.message_user(request, feedback.transition_message(story, transition), messages.SUCCESS)
            if warning := feedback.checklist_warnings(transition):
                self.message_user(request, warning, messages.WARNING)
            if name == "submit" and not policy.may_edit(request.user, story):
                # The reporter may no longer edit it: show them the story as readers will see it.
                return HttpResponseRedirect(reverse("admin:articles_story_preview", args=[story.pk]))
        return HttpResponseRedirect(reverse("admin:articles_story_change", args=[story.pk]))


def checklist_of_form(data, saved=None, nameable=None):
    """The checklist of a story form's posted ``data``: its fields and its byline and link rows."""
    story = Story(
        pk=saved.pk if saved else None,
        headline=data.get("headline", ""),
        dek=data.get("dek", ""),
        body=data.get("body", ""),
        credit_line=data.get("credit_line", ""),
        seo_title=data.get("seo_title", ""),
    )
    return checklist.run(
        story,
        checklist.Facts(
            authors=len(_inline_values(data, "bylines", "author")),
            link_targets=[int(pk) for pk in _inline_values(data, "related_links", "target") if pk.isdigit()],
        ),
        nameable=nameable,
    )


def _inline_values(data, prefix, name):
    """The non-empty ``name`` values of an inline formset's rows not marked for deletion."""
    try:
        rows = int(data.get(f"{prefix}-TOTAL_FORMS", 0))
    except ValueError:
        return []
    return [
        value
        for row in range(min(rows, 1000))
        if (value := data.get(f"{prefix}-{row}-{name}", "").strip())
        and not data.get(f"{prefix}-{row}-DELETE")
    ]


@dataclass
class Button:
    label: str
    name: str
    value: str = ""
    kind: str = "secondary"  # "primary": the one next step; "secondary": saving; "quiet": the rest
    schedulable: bool = False  # the label follows the publish time typed in the form (story-editor.js)


def editor_buttons(story, actions, *, may_save, now=None):
    """The editor's buttons, the next step first: a reporter's "Submit for review"; an
    editor's "Publish", "Schedule for Tue 1 Dec, 13:13" or, on a live story, "Update"."""
    now = now or timezone.now()
    by_name = {action.name: action for action in actions}
    buttons = []
    if "publish" in by_name:
        future = story.publish_at is not None and story.publish_at > now
        buttons.append(
            Button(f"Schedule for {moment(story.publish_at)}", "_workflow", "schedule", "primary", True)
            if future
            else Button("Publish", "_workflow", "publish", "primary", True)
        )
    elif "submit" in by_name:
        buttons.append(Button("Submit for review", "_workflow", "submit", "primary"))
    if may_save:
        live = story.pk is not None and story.status == Story.Status.PUBLISHED
        if live:
            buttons.insert(0, Button("Update", "_continue", kind="primary"))
        else:
            draft = story.status == Story.Status.DRAFT
            buttons.append(Button("Save draft" if draft else "Save", "_continue"))
    for name in ("unpublish", "send_back"):
        if name in by_name:
            buttons.append(Button(by_name[name].label, "_workflow", name, "quiet"))
    return buttons
