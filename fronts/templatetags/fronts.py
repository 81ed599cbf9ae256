from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date

from fronts.models import Banner

register = template.Library()


@register.inclusion_tag("fronts/_banner.html")
def breaking_news():
    """The newest banner that has not expired; none once it has, with nothing to run."""
    return {"banner": Banner.objects.showing().first()}


@register.filter
def when(moment, now=None):
    """ "12 min ago" or "2 h ago" for today (in the newsroom's time zone), else the date."""
    if moment is None:
        return ""
    now = now or timezone.now()
    local, today = timezone.localtime(moment), timezone.localtime(now)
    if local.date() != today.date() or moment > now:
        return format_date(local, "j M Y")
    minutes = int((now - moment).total_seconds() // 60)
    if minutes < 1:
        return "Just now"
    if minutes < 60:
        return f"{minutes} min ago"
    return f"{minutes // 60} h ago"
