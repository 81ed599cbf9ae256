from django import template

from frontend.topics import display_name

register = template.Library()


@register.filter
def topic_name(name):
    """``{{ tag.name|topic_name }}``: see frontend/topics.py."""
    return display_name(name)
