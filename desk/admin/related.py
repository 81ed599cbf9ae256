"""Related-story suggestions on the story change page, each promotable to a
hand-picked related link in one click.

Kept apart from desk/admin/story.py, which only mixes this in.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from articles import related
from articles.models import Story

FIELD = "related_suggestions"


class RelatedSuggestionsAdminMixin:
    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_promote_related"
        view = self.admin_site.admin_view(require_POST(self.promote_related_view))
        return [path("<path:object_id>/promote-related/", view, name=name), *super().get_urls()]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, FIELD] if obj else fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj:
            fieldsets.append(("Suggested related stories", {"fields": [FIELD]}))
        return fieldsets

    @admin.display(description="Suggestions")
    def related_suggestions(self, story):
        suggested = Story.objects.related_to(story)
        if not suggested:
            return "No public story looks related yet."
        promote_url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_promote_related", args=[quote(story.pk)]
        )
        # The buttons submit the change form itself (with its CSRF token) to the
        # promote view: a form may not be nested inside the change form.
        items = format_html_join(
            "",
            '<li><a href="{}">{}</a> ({}) <button type="submit" class="button" formaction="{}" '
            'formmethod="post" name="promote_target" value="{}">Add to related links</button></li>',
            (
                (other.get_absolute_url(), other.headline, other.section.name, promote_url, other.pk)
                for other in suggested
            ),
        )
        return format_html(
            "<ul>{}</ul><p class=\"help\">Adding a link saves nothing else: save your edits first.</p>", items
        )

    def promote_related_view(self, request, object_id):
        story = self.get_object(request, unquote(object_id))
        if story is None:
            raise Http404("No such story.")
        if not self.has_change_permission(request, story):
            raise PermissionDenied
        target_id = request.POST.get("promote_target", "")
        if not target_id.isdigit():
            raise Http404("No story to promote.")
        target = get_object_or_404(Story.objects.published().exclude(pk=story.pk), pk=target_id)
        _link, created = related.promote(story, target)
        if created:
            messages.success(request, f"“{target.headline}” is now a related link.")
        else:
            messages.info(request, f"“{target.headline}” was already a related link.")
        return redirect(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change", quote(story.pk)
        )
