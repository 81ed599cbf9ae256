from django.contrib import admin, messages

from frontend import purge
from frontend.models import PurgeFailure


@admin.register(PurgeFailure)
class PurgeFailureAdmin(admin.ModelAdmin):
    """Read-only: the desk sees which pages a CDN may still show as they were, and can retry."""

    list_display = ["failed_at", "keys", "error", "attempts", "last_tried_at"]
    readonly_fields = list_display
    actions = ["retry_purge"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Retry the purge", permissions=["view"])
    def retry_purge(self, request, queryset):
        total = queryset.count()
        purged = purge.retry(list(queryset))
        level = messages.SUCCESS if purged == total else messages.WARNING
        self.message_user(request, f"Purged {purged} of {total}; failures stay listed.", level)
