from django import template

from articles import dates
from articles.permissions import policy
from desk import dashboard

register = template.Library()


@register.inclusion_tag("admin/articles/_dashboard.html", takes_context=True)
def editorial_dashboard(context):
    """The admin home's desk for the person's role (desk/dashboard.py)."""
    user = context["request"].user
    return {"is_editor": policy.is_editor(user), "panels": dashboard.panels_for(user)}


@register.filter
def moment(value):
    """A time as the desk reads it everywhere: "Tue 1 Dec, 13:13" in the newsroom's time zone."""
    return dates.moment(value)


@register.inclusion_tag("admin/articles/_status_badge.html")
def status_badge(story):
    from articles.workflow import editorial_state

    key, label = editorial_state(story)
    return {"key": key, "label": label}
