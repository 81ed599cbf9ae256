from django.contrib import admin

from articles.admin_related import RelatedSuggestionsAdminMixin
from articles.models import (
    Author,
    Byline,
    Correction,
    ImportRecord,
    Outlet,
    RelatedLink,
    Section,
    SourceAttribution,
    Story,
)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_agency", "user"]
    list_filter = ["is_agency"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    autocomplete_fields = ["user"]


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "url"]
    search_fields = ["name", "aliases"]


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 0
    autocomplete_fields = ["author"]


class SourceInline(admin.TabularInline):
    model = SourceAttribution
    extra = 0
    autocomplete_fields = ["outlet"]


class RelatedLinkInline(admin.TabularInline):
    model = RelatedLink
    fk_name = "story"
    extra = 0
    autocomplete_fields = ["target"]


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["kind", "note", "published_at"]


class ImportRecordInline(admin.TabularInline):
    model = ImportRecord
    extra = 0
    can_delete = False
    readonly_fields = ["format", "provider", "guid", "version", "origin", "checksum", "imported_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Story)
class StoryAdmin(RelatedSuggestionsAdminMixin, admin.ModelAdmin):
    list_display = ["headline", "section", "story_type", "status", "publish_at"]
    list_filter = ["status", "section", "story_type", "publish_at"]
    search_fields = ["headline", "dek", "body"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["headline"]}
    list_select_related = ["section"]
    inlines = [BylineInline, SourceInline, RelatedLinkInline, CorrectionInline, ImportRecordInline]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "body"]}),
        ("Placement", {"fields": ["section", "story_type", "tags", "credit_line"]}),
        ("Publishing", {"fields": ["status", "publish_at", "embargo_until", "updated_at"]}),
        ("Search engines and syndication", {
            "classes": ["collapse"],
            "fields": ["seo_title", "seo_description", "canonical_url"],
        }),
    ]  # fmt: skip
