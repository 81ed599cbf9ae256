"""The wire desk: ingest sources in the admin, and one page of what came in, failed and waits.

``SourceAdmin`` edits sources; a source may publish on arrival only when an editor (by the
policy) saved it so, and it remembers who. ``wire_desk`` shows, per source, what arrived in
the last hours by outcome, the failures with their one-line reasons and a retry, the stories
waiting for an editor, the wire updates held because the desk had changed their stories
(each linking to the story's page, where its diff is reviewed and applied), and flags
sources whose fetches keep failing.
"""

from datetime import timedelta

from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from articles.models import Story
from articles.permissions import policy
from wire.ingest.models import BucketObject, Delivery, IngestedItem, Source
from wire.models import HeldUpdate
from wire.tasks import import_delivery_task

DESK_HOURS = 24


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "status", "paused", "consecutive_failures", "last_success_at"]
    list_filter = ["kind", "paused", "status"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # One group per kind of source: only the kind chosen is read.
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "poll_minutes", "paused"]}),
        ("Feed", {"fields": ["url", "allowed_hosts"]}),
        ("Watched folder", {"fields": ["folder"]}),
        ("Bucket", {"fields": ["bucket", "prefix", "endpoint_url", "region", "credentials_profile"]}),
        ("HTTP push", {"fields": ["push_secret"]}),
        ("Filing", {"fields": ["format", "section", "status"]}),
        ("How it has been doing", {"fields": ["publish_allowed_by", "last_polled_at", "last_success_at",
                                              "consecutive_failures", "last_error"]}),
    ]  # fmt: skip
    readonly_fields = ["publish_allowed_by", "last_polled_at", "last_success_at", "consecutive_failures",
                       "last_error"]  # fmt: skip

    def save_model(self, request, obj, form, change):
        if obj.status == Source.Status.PUBLISHED:
            if policy.may_publish(request.user):
                obj.publish_allowed_by = request.user
            elif obj.publish_allowed_by is None or "status" in form.changed_data:
                obj.status = Source.Status.IN_REVIEW
                messages.warning(
                    request, "Only an editor may let a source publish on arrival; it files for review."
                )
        else:
            obj.publish_allowed_by = None
        super().save_model(request, obj, form, change)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("desk/", view(self.wire_desk), name="wire_desk"),
            path("desk/retry/<int:delivery_id>/", view(require_POST(self.retry)), name="wire_desk_retry"),
            *super().get_urls(),
        ]

    def wire_desk(self, request):
        if not self.has_view_permission(request):
            return redirect("admin:index")
        since = timezone.now() - timedelta(hours=DESK_HOURS)
        recent = IngestedItem.objects.filter(at__gte=since)
        counts = {}
        for row in recent.values("source_id", "outcome").annotate(n=Count("pk")):
            counts.setdefault(row["source_id"], {})[row["outcome"]] = row["n"]
        waiting = (
            Story.objects.filter(status__in=[Story.Status.DRAFT, Story.Status.IN_REVIEW])
            .filter(pk__in=IngestedItem.objects.filter(outcome__in=["created", "updated"]).values("story_id"))
            .select_related("section")
            .order_by("-created_at")[:50]
        )
        context = {
            **self.admin_site.each_context(request),
            "title": "Wire desk",
            "hours": DESK_HOURS,
            "sources": [
                {
                    "source": source,
                    "counts": counts.get(source.pk, {}),
                    "arrived": sum(counts.get(source.pk, {}).values()),
                }
                for source in Source.objects.all()
            ],
            "failures": recent.filter(outcome="failed").select_related("source", "delivery")[:100],
            "refused": BucketObject.objects.filter(seen_at__gte=since)
            .exclude(refused="")
            .select_related("source")[:100],
            "waiting": waiting,
            "held": HeldUpdate.objects.filter(story__in=policy.visible_stories(request.user))
            .select_related("story")
            .order_by("-received_at")[:100],
            "may_retry": self.has_change_permission(request),
        }
        return TemplateResponse(request, "admin/wire/desk.html", context)

    def retry(self, request, delivery_id):
        if not self.has_change_permission(request):
            return redirect("admin:index")
        delivery = get_object_or_404(Delivery, pk=delivery_id)
        import_delivery_task.delay(delivery.pk)
        messages.info(request, f"Import of {delivery.name} from {delivery.source} queued again.")
        return redirect(reverse("admin:wire_desk"))
