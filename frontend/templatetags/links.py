"""``{{ value|safe_url }}``: for every href built from stored data (articles/links.py)."""

from django import template

from articles import links

register = template.Library()


@register.filter
def safe_url(value):
    return links.safe_url(value)
