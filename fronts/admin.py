"""Fronts in the desk: arrange zones and slots, preview the draft, publish it, undo.

A front's page lists its zones; each zone's page holds its slots, where stories
are picked by search and put in order by dragging (static/js/front-slots.js) or
by their position numbers. Nothing reaches readers until "Publish"; every save
and every publish is a version (django-reversion) with who made it, and
"History" restores any of them.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from reversion.admin import VersionAdmin

from fronts.assembly import show
from fronts.models import Banner, Front, Slot, Zone
from fronts.publishing import arrangement, has_pending_changes, publish


class ZoneInline(admin.TabularInline):
    model = Zone
    fields = ["position", "kind", "title", "size"]
    extra = 0
    show_change_link = True


@admin.register(Front)
class FrontAdmin(VersionAdmin):
    list_display = ["__str__", "status", "published_at", "published_by"]
    fields = ["section"]
    inlines = [ZoneInline]
    change_form_template = "admin/fronts/front/change_form.html"
    history_latest_first = True

    @admin.display(description="State")
    def status(self, front):
        if front.published is None:
            return "Never published"
        return "Changes not published yet" if has_pending_changes(front) else "Published"

    def get_urls(self):
        own = [
            path("<int:pk>/preview/", self.admin_site.admin_view(self.preview), name="fronts_front_preview"),
            path("<int:pk>/publish/", self.admin_site.admin_view(self.publish), name="fronts_front_publish"),
        ]
        return own + super().get_urls()

    def _front_for(self, request, pk, *, change):
        front = get_object_or_404(Front.objects.select_related("section"), pk=pk)
        allowed = (
            self.has_change_permission(request, front) if change else self.has_view_permission(request, front)
        )
        if not allowed:
            raise PermissionDenied
        return front

    def preview(self, request, pk):
        """The front as readers would see it if the draft were published now (staff only)."""
        front = self._front_for(request, pk, change=False)
        shown = show(arrangement(front), section=front.section)
        context = {
            "front": shown,
            "previewed": front,
            "current_section": getattr(front.section, "slug", None),
        }
        response = TemplateResponse(request, "fronts/preview.html", context)
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        return response

    def publish(self, request, pk):
        return require_POST(self._publish)(request, pk)

    def _publish(self, request, pk):
        front = self._front_for(request, pk, change=True)
        publish(front, request.user)
        self.message_user(
            request, f"{front} published: readers see it on their next visit.", messages.SUCCESS
        )
        return redirect(reverse("admin:fronts_front_change", args=[front.pk]))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        front = self.get_object(request, object_id)
        extra = {"pending": front is not None and has_pending_changes(front), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context=extra)


class SlotInline(admin.TabularInline):
    model = Slot
    fields = ["position", "story", "headline", "standfirst", "image", "shown_from", "shown_until"]
    autocomplete_fields = ["story", "image"]
    extra = 2
    classes = ["front-slots"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "standfirst":
            field.widget.attrs.update(rows=2, cols=30)
        return field


@admin.register(Zone)
class ZoneAdmin(VersionAdmin):
    list_display = ["__str__", "front", "position", "kind", "size"]
    list_filter = ["front"]
    fields = ["front", "position", "kind", "title", "size"]
    inlines = [SlotInline]
    history_latest_first = True

    class Media:
        js = ["js/front-slots.js"]
        css = {"all": ["css/admin-editorial.css"]}


@admin.register(Banner)
class BannerAdmin(VersionAdmin):
    list_display = ["text", "expires_at", "created_at", "created_by"]
    fields = ["text", "link", "expires_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
