"""The newsroom's shared records in the admin: sections, authors, outlets, topics.

Authors, outlets and topics that stories use are never deleted out from under
them: deleting one asks for a replacement, moves every story to it (kept as a
revision of each story), and only then deletes. The bulk "delete selected"
action is off on these lists for the same reason.
"""

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag, TaggedItem

from articles.models import Author, Byline, Outlet, Section, SourceAttribution, Story
from articles.signals import send_content_changed

# Addresses typed without a scheme are taken as https (Django 6's default, chosen now).
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class ReplacementForm(forms.Form):
    replacement = forms.ModelChoiceField(queryset=None, label="Move its stories to")

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replacement"].queryset = choices


class ReplaceBeforeDelete:
    """Deleting a record stories use asks for a replacement and moves the stories to it.

    ``usages`` lists where stories point at the record: (model, field, owner fields),
    the owner fields naming the story a row belongs to (a story cannot hold the
    same author, outlet or topic twice, so a story that already has the
    replacement just loses the old row).
    """

    usages = []

    def stories_using(self, record):
        using = Q(pk__in=[])
        for story_ids in self._story_ids(record):
            using |= Q(pk__in=story_ids)
        return Story.objects.filter(using)

    def _story_ids(self, record):
        for model, name, owner in self.usages:
            yield model.objects.filter(**{name: record}).values(owner[-1])

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_view(self, request, object_id, extra_context=None):
        record = self.get_object(request, unquote(object_id))
        stories = list(self.stories_using(record).order_by("headline")) if record else []
        if not stories:
            return super().delete_view(request, object_id, extra_context)
        if not self.has_delete_permission(request, record):
            raise PermissionDenied
        form = ReplacementForm(
            request.POST if request.method == "POST" else None,
            choices=self.model._default_manager.exclude(pk=record.pk),
        )
        if form.is_valid():
            replacement = form.cleaned_data["replacement"]
            self._replace_and_delete(request, record, replacement, stories)
            self.message_user(
                request,
                f"{len(stories)} stories moved from “{record}” to “{replacement}”; “{record}” is deleted.",
                messages.SUCCESS,
            )
            return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        return TemplateResponse(
            request,
            "admin/desk/replace_before_delete.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "object": record,
                "title": f"Delete {self.opts.verbose_name} “{record}”?",
                "stories": stories,
                "form": form,
            },
        )

    def _replace_and_delete(self, request, record, replacement, stories):
        with transaction.atomic(), reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(
                f"{self.opts.verbose_name.capitalize()} “{record}” replaced by “{replacement}”"
            )
            for model, name, owner in self.usages:
                already = model.objects.filter(**{name: replacement}, **{f: OuterRef(f) for f in owner})
                model.objects.filter(**{name: record}).filter(Exists(already)).delete()
                model.objects.filter(**{name: record}).update(**{name: replacement})
            for story in stories:
                reversion.add_to_revision(story)  # the story with its rows as they are now
            self.log_deletions(request, [record])
            record.delete()
        send_content_changed(Story)


@admin.register(Author)
class AuthorAdmin(ReplaceBeforeDelete, admin.ModelAdmin):
    list_display = ["name", "slug", "is_agency", "user"]
    list_filter = ["is_agency"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    autocomplete_fields = ["user"]
    usages = [(Byline, "author", ["story"])]


@admin.register(Outlet)
class OutletAdmin(ReplaceBeforeDelete, admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "url"]
    search_fields = ["name", "aliases"]
    usages = [(SourceAttribution, "outlet", ["story"])]


class TagAdmin(ReplaceBeforeDelete, TaggitTagAdmin):
    usages = [(TaggedItem, "tag", ["content_type", "object_id"])]

    def _story_ids(self, record):
        story_type = ContentType.objects.get_for_model(Story)
        yield TaggedItem.objects.filter(tag=record, content_type=story_type).values("object_id")


if admin.site.is_registered(Tag):
    admin.site.unregister(Tag)  # taggit's own, registered before ours
admin.site.register(Tag, TagAdmin)
