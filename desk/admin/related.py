"""Related-story suggestions on the story change page, each promotable to a
hand-picked related link in one click.

"Add to related links" is a submit button of the change form itself: pressing
it saves whatever the editor has typed, as "Save" would, and then adds the
link, so no unsaved edit is lost. If the form does not validate, it comes back
with the editor's text and the errors, and no link is added.

Kept apart from desk/admin/story.py, which only mixes this in.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import quote
from django.shortcuts import redirect
from django.utils.html import format_html, format_html_join

from articles import related
from articles.models import Story

FIELD = "related_suggestions"
BUTTON = "_promote_related"


class RelatedSuggestionsAdminMixin:
    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, FIELD] if obj else fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj and self.has_change_permission(request, obj):
            # Only for those who may edit the story: the buttons save it.
            fieldsets.append(("Suggested related stories", {"classes": ["collapse"], "fields": [FIELD]}))
        return fieldsets

    @admin.display(description="Suggestions")
    def related_suggestions(self, story):
        suggested = Story.objects.related_to(story)
        if not suggested:
            return "No public story looks related yet."
        items = format_html_join(
            "",
            '<li><a href="{}">{}</a> ({}) <button type="submit" class="button" name="{}" value="{}">'
            "Add to related links</button></li>",
            (
                (other.get_absolute_url(), other.headline, other.section.name, BUTTON, other.pk)
                for other in suggested
            ),
        )
        return format_html('<ul>{}</ul><p class="help">Adding a link saves your other edits too.</p>', items)

    def response_change(self, request, obj):
        # Reached only once the change form saved (the admin checked the change permission).
        if BUTTON not in request.POST:
            return super().response_change(request, obj)
        target_id = request.POST[BUTTON]
        target = (
            Story.objects.published().exclude(pk=obj.pk).filter(pk=target_id).first()
            if target_id.isdigit()
            else None
        )
        if target is None:
            messages.error(request, "Your edits are saved; that story is not public, so it was not linked.")
        elif related.promote(obj, target)[1]:
            messages.success(request, f"Your edits are saved, and “{target.headline}” is now a related link.")
        else:
            messages.info(request, f"Your edits are saved; “{target.headline}” was already a related link.")
        return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", quote(obj.pk))
