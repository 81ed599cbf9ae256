"""Bulk actions of the story list. Each one asks the workflow (and so the
permission policy) story by story; none changes a status by itself."""

import reversion
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import transaction
from django.template.response import TemplateResponse

from articles import workflow
from articles.permissions import policy
from desk.forms import MoveToSectionForm


def _run_on_each(modeladmin, request, queryset, name):
    done, refused = [], []
    for story in queryset:
        try:
            workflow.run(name, story, request.user)
            done.append(story)
        except workflow.InvalidTransition as reason:
            refused.append(str(reason))
    label = workflow.ACTIONS[name].past_tense
    if done:
        modeladmin.message_user(request, f"{len(done)} stories {label}.", messages.SUCCESS)
    for reason in refused:
        modeladmin.message_user(request, reason, messages.WARNING)


@admin.action(description="Publish selected stories now", permissions=["publish"])
def publish_selected(modeladmin, request, queryset):
    _run_on_each(modeladmin, request, queryset, "publish")


@admin.action(description="Unpublish selected stories", permissions=["publish"])
def unpublish_selected(modeladmin, request, queryset):
    _run_on_each(modeladmin, request, queryset, "unpublish")


@admin.action(description="Move selected stories to a section…", permissions=["change"])
def move_to_section(modeladmin, request, queryset):
    editable = [story for story in queryset if policy.may_edit(request.user, story)]
    form = MoveToSectionForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        section = form.cleaned_data["section"]
        with transaction.atomic(), reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(f"Moved to {section}")
            for story in editable:
                story.section = section
                story.save()
        skipped = len(queryset) - len(editable)
        modeladmin.message_user(request, f"{len(editable)} stories moved to {section}.", messages.SUCCESS)
        if skipped:
            modeladmin.message_user(
                request, f"{skipped} stories you may not edit were left where they were.", messages.WARNING
            )
        return None
    return TemplateResponse(
        request,
        "admin/articles/story/move_to_section.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": "Move stories to a section",
            "opts": modeladmin.model._meta,
            "form": form,
            "stories": editable,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        },
    )
