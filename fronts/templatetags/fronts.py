from django import template

from fronts.models import Banner

register = template.Library()


@register.inclusion_tag("fronts/_banner.html")
def breaking_news():
    """The newest banner that has not expired; none once it has, with nothing to run."""
    return {"banner": Banner.objects.showing().first()}
