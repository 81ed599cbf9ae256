from django.contrib import admin, messages

from api.keys import fill_new_key
from api.models import ApiKey


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "requests_per_minute", "is_active", "created_at", "last_used_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "prefix"]
    readonly_fields = ["prefix", "created_at", "last_used_at", "created_by"]

    def save_model(self, request, obj, form, change):
        raw = None
        if not change:
            obj.created_by = request.user
            raw = fill_new_key(obj)
        super().save_model(request, obj, form, change)
        if raw:
            # Shown once: only its hash is kept, so a lost key is revoked and a new one issued.
            messages.warning(
                request, f"The key for “{obj.name}” is {raw} — copy it now; it is not shown again."
            )
