from urllib.parse import urlencode

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Case, F, Prefetch, Q, When
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.dates import moment
from articles.models import Author, Byline, Correction, RelatedLink, SourceAttribution, Story, StoryTransition
from articles.permissions import policy
from articles.workflow import editorial_state
from desk.admin import actions as admin_actions
from desk.admin.autosave import StoryAutosaveViews
from desk.admin.live import LiveCoverageAdminViews
from desk.admin.records import HTTPS_URLS
from desk.admin.related import RelatedSuggestionsAdminMixin
from desk.admin.views import StoryAdminViews
from desk.forms import RelatedLinkForm, StoryAdminForm
from wire.models import ImportRecord


class EditableWithStory:
    """Inline rows may change only while the story itself may (articles.permissions)."""

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and (
            obj is None or policy.may_edit(request.user, obj)
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or policy.may_edit(request.user, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or policy.may_edit(request.user, obj)
        )


class BylineForm(forms.ModelForm):
    def has_changed(self):
        # A new story's row pre-filled with the writer's own author profile is saved as shown,
        # though nobody typed in it (an untouched extra row is otherwise skipped).
        return super().has_changed() or bool(self.initial.get("author") and self["author"].value())


class BylineFormSet(forms.BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        # A table's cells have no labels of their own; screen readers need a name per box.
        form.fields["position"].widget.attrs["aria-label"] = "Position in the byline"
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["aria-label"] = "Remove this byline"


class BylineInline(EditableWithStory, admin.TabularInline):
    model = Byline
    form = BylineForm
    formset = BylineFormSet
    extra = 0
    autocomplete_fields = ["author"]
    fields = ["author", "position"]
    classes = ["story-side"]  # shown in the editor's side panel (templates/admin/articles/story/)

    def get_extra(self, request, obj=None, **kwargs):
        # A new story starts with one byline row, filled with the writer's own author profile.
        return 1 if obj is None and _own_author(request.user) else 0


class SourceInline(EditableWithStory, admin.TabularInline):
    model = SourceAttribution
    verbose_name_plural = "sources"
    extra = 0
    autocomplete_fields = ["outlet"]
    formfield_overrides = HTTPS_URLS
    fields = ["position", "outlet", "url"]


class RelatedLinkInline(EditableWithStory, admin.TabularInline):
    model = RelatedLink
    form = RelatedLinkForm
    fk_name = "story"
    extra = 0
    # The autocomplete asks StoryAdmin.get_queryset(), so it lists only stories the policy shows.
    autocomplete_fields = ["target"]
    formfield_overrides = HTTPS_URLS
    fields = ["position", "target", "title", "url", "outlet_name"]

    def get_formset(self, request, obj=None, **kwargs):
        return super().get_formset(request, obj, form=RelatedLinkForm.for_user(request.user), **kwargs)


class CorrectionInline(admin.StackedInline):
    """Published corrections, read-only: new ones go through "Add correction" (the workflow)."""

    model = Correction
    extra = 0
    fields = ["kind", "note", "published_at", "created_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class TransitionInline(admin.TabularInline):
    model = StoryTransition
    verbose_name_plural = "workflow history"
    extra = 0
    fields = ["at", "user", "action", "from_status", "to_status", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ImportRecordInline(admin.TabularInline):
    model = ImportRecord
    extra = 0
    can_delete = False
    readonly_fields = ["format", "provider", "guid", "version", "origin", "checksum", "imported_at"]

    def has_add_permission(self, request, obj=None):
        return False


def _own_author(user):
    return Author.objects.filter(user=user).first() if user.is_authenticated else None


class PublicationFilter(admin.SimpleListFilter):
    title = "publication"
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [("live", "Live"), ("scheduled", "Scheduled"), ("embargoed", "Embargoed")]

    def queryset(self, request, queryset):
        return {
            "live": queryset.published,
            "scheduled": queryset.scheduled,
            "embargoed": queryset.embargoed,
        }.get(self.value(), queryset.all)()


class QueueFilter(admin.SimpleListFilter):
    """The story list's tabs (change_list.html): the queues a desk works from."""

    title = "queue"
    parameter_name = "queue"
    TABS = [("mine", "Mine"), ("review", "In review"), ("scheduled", "Scheduled"), ("live", "Live"),
            ("unpublished", "Unpublished")]  # fmt: skip

    def lookups(self, request, model_admin):
        return self.TABS

    def queryset(self, request, queryset):
        user = request.user
        return {
            "mine": lambda: queryset.filter(
                Q(created_by=user) | Q(pk__in=Byline.objects.filter(author__user=user).values("story"))
            ),
            "review": lambda: queryset.filter(status=Story.Status.IN_REVIEW),
            "scheduled": queryset.scheduled,
            "live": queryset.published,
            "unpublished": lambda: queryset.filter(status=Story.Status.UNPUBLISHED),
        }.get(self.value(), queryset.all)()


def desk_order(user, now=None):
    """The story list's order for ``user``: what needs them first.

    Editors: in review, then scheduled and embargoed, drafts, live, unpublished.
    Reporters: their drafts, then what is in review, published, unpublished.
    Newest first within each.
    """
    now = now or timezone.now()
    published = Q(status=Story.Status.PUBLISHED)
    if policy.is_editor(user):
        rank = Case(
            When(status=Story.Status.IN_REVIEW, then=0),
            When(published & (Q(publish_at__gt=now) | Q(embargo_until__gt=now)), then=1),
            When(status=Story.Status.DRAFT, then=2),
            When(published, then=3),
            default=4,
        )
    else:
        rank = Case(
            When(status=Story.Status.DRAFT, then=0),
            When(status=Story.Status.IN_REVIEW, then=1),
            When(published, then=2),
            default=3,
        )
    return [rank.asc(), F("publish_at").desc(nulls_first=True), "-pk"]


@admin.register(Story)
class StoryAdmin(
    RelatedSuggestionsAdminMixin,
    StoryAutosaveViews,
    LiveCoverageAdminViews,
    StoryAdminViews,
    admin.ModelAdmin,
):
    form = StoryAdminForm
    formfield_overrides = HTTPS_URLS
    list_display = ["headline", "byline_names", "section", "status_badge", "when"]
    list_display_links = ["headline"]
    list_per_page = 50
    list_filter = [
        QueueFilter,
        "status",
        PublicationFilter,
        "section",
        ("bylines__author", admin.RelatedOnlyFieldListFilter),
        "story_type",
        "publish_at",
    ]
    search_fields = ["headline", "slug", "bylines__author__name"]
    prepopulated_fields = {"slug": ["headline"]}
    list_select_related = ["section"]
    change_list_template = "admin/articles/story/change_list.html"
    # A lookup field, not an autocomplete: select2's empty box has no accessible name (axe).
    raw_id_fields = ["lead_image"]
    inlines = [
        BylineInline,
        SourceInline,
        RelatedLinkInline,
        CorrectionInline,
        TransitionInline,
        ImportRecordInline,
    ]
    actions = [
        admin_actions.publish_selected,
        admin_actions.unpublish_selected,
        admin_actions.move_to_section,
    ]
    readonly_fields = ["status_badge", "created_by", "first_published_at", "body_as_read"]
    # Scheduling fields belong to whoever may publish.
    publishing_fields = ["publish_at", "embargo_until", "updated_at"]
    # The editor's two columns (templates/admin/articles/story/change_form.html): the words on
    # the left; fieldsets classed "story-side" in the sticky side panel; "collapse" ones folded
    # under the words, their names counting what they hold (get_fieldsets).
    fieldsets = [
        (None, {"fields": ["headline", "dek", "body", "loaded_lock_version"]}),
        ("Publishing", {"classes": ["story-side"], "fields": [
            "status_badge", "publish_at", "embargo_until", "workflow_note",
        ]}),
        ("Lead image", {"classes": ["story-side"], "fields": ["lead_image", "lead_image_caption"]}),
        ("Placement", {"classes": ["story-side"], "fields": [
            "section", "story_type", "tags", "new_tags", "credit_line",
        ]}),
        ("Address and dates", {"classes": ["collapse"], "fields": [
            "slug", "updated_at", "first_published_at", "created_by",
        ]}),
        ("Search engines and syndication", {
            "classes": ["collapse"],
            "fields": ["seo_title", "seo_description", "canonical_url"],
        }),
    ]  # fmt: skip

    class Media:
        css = {"all": ["css/admin-editorial.css"]}

    def get_fieldsets(self, request, obj=None):
        fieldsets = []
        for name, options in super().get_fieldsets(request, obj):
            fields = options["fields"]
            if obj and "body" in fields and not self.has_change_permission(request, obj):
                # Read-only, the body shows as the story reads, not as HTML source.
                fields = ["body_as_read" if field == "body" else field for field in fields]
            if name and "collapse" in options.get("classes", []) and obj:
                stored = [field for field in fields if field in {f.name for f in obj._meta.concrete_fields}]
                if stored:
                    filled = sum(1 for field in stored if getattr(obj, field) not in (None, ""))
                    name = f"{name} ({filled})"
            fieldsets.append((name, {**options, "fields": fields}))
        return fieldsets

    @admin.display(description="Body")
    def body_as_read(self, story):
        # The body is sanitised on every save (articles/sanitise.py), so it is safe to show as HTML.
        return mark_safe(f'<div class="story-body-read">{story.body}</div>')

    @admin.display(description="Byline")
    def byline_names(self, story):
        names = [byline.author.name for byline in story.bylines.all()]
        return ", ".join(names) or story.credit_line or "—"

    @admin.display(description="When", ordering="publish_at")
    def when(self, story):
        return moment(story.publish_at) if story.publish_at else f"edited {moment(story.modified_at)}"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(db_field, models.DateTimeField) and field is not None:
            # The admin labels the date and time boxes with bare text; name each for screen readers.
            date, time = field.widget.widgets
            date.attrs["aria-label"] = f"{db_field.verbose_name.capitalize()}: date"
            time.attrs["aria-label"] = f"{db_field.verbose_name.capitalize()}: time"
        return field

    def get_ordering(self, request):
        return desk_order(request.user)

    def changelist_view(self, request, extra_context=None):
        chosen = request.GET.get(QueueFilter.parameter_name, "")
        kept = {key: value for key, value in request.GET.items() if key not in ("queue", "p", "o")}
        tabs = [("", "All", "?" + urlencode(kept))] + [
            (key, label, "?" + urlencode({**kept, "queue": key})) for key, label in QueueFilter.TABS
        ]
        context = {"queue_tabs": tabs, "queue_chosen": chosen, "title": "Stories", **(extra_context or {})}
        return super().changelist_view(request, context)

    @admin.display(description="Status", ordering="status")
    def status_badge(self, story):
        key, label = editorial_state(story)
        return format_html('<span class="badge badge--{}">{}</span>', key, label)

    def view_on_site(self, story):
        return story.get_absolute_url() if story.is_public() else None

    # Every permission question goes to the policy (articles/permissions.py).

    def get_queryset(self, request):
        stories = policy.visible_stories(request.user, super().get_queryset(request))
        return stories.prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("author")))

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if policy.is_editor(request.user):
            return fields
        return [*fields, *self.publishing_fields]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or policy.may_edit(request.user, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return policy.may_delete(request.user, obj)

    def has_publish_permission(self, request):
        return policy.may_publish(request.user)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, BylineInline) and obj.pk is None and (author := _own_author(request.user)):
            kwargs["initial"] = [{"author": author.pk}]
        return kwargs

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
