from django import template
from django.utils import timezone

from articles import dates
from articles.models import Story
from articles.permissions import policy

register = template.Library()

DASHBOARD_ROWS = 8


@register.inclusion_tag("admin/articles/_dashboard.html", takes_context=True)
def editorial_dashboard(context):
    """The admin home's desk: what is mine, what waits, what goes out next, what went out."""
    user = context["request"].user
    now = timezone.now()
    stories = policy.visible_stories(user).select_related("section")
    return {
        "is_editor": policy.is_editor(user),
        "my_drafts": stories.filter(created_by=user, status=Story.Status.DRAFT).order_by("-modified_at")[
            :DASHBOARD_ROWS
        ],
        "in_review": stories.filter(status=Story.Status.IN_REVIEW).order_by("modified_at")[:DASHBOARD_ROWS],
        "scheduled": stories.scheduled(now).order_by("publish_at")[:DASHBOARD_ROWS],
        "embargoed": stories.embargoed(now).order_by("embargo_until")[:DASHBOARD_ROWS],
        "recently_published": stories.published(now).latest_first()[:DASHBOARD_ROWS],
    }


@register.filter
def moment(value):
    """A time as the desk reads it everywhere: "Tue 1 Dec, 13:13" in the newsroom's time zone."""
    return dates.moment(value)


@register.inclusion_tag("admin/articles/_status_badge.html")
def status_badge(story):
    from articles.workflow import editorial_state

    key, label = editorial_state(story)
    return {"key": key, "label": label}
