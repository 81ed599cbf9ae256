"""Template tags for what a page tells search engines, feed readers and social sites."""

from django import template

from frontend import structured_data
from frontend.canonical import absolute_url, logo_url
from media.pictures import share_images

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context, path=None):
    """This page's absolute address: its path, plus the page number past page one."""
    request = context["request"]
    url = absolute_url(path or request.path, request)
    page = _page_number(request.GET.get("page", ""))
    if path is None and page > 1:
        url += f"?page={page}"
    return url


def _page_number(value):
    # str.isdigit() admits characters int() refuses ("²"), and error pages render this tag too.
    try:
        return int(value)
    except ValueError:
        return 0


@register.simple_tag(takes_context=True)
def absolute(context, path):
    return absolute_url(path, context["request"])


@register.simple_tag(takes_context=True)
def site_logo_url(context):
    return logo_url(context["request"])


@register.simple_tag(takes_context=True)
def story_json_ld(context, story):
    data = structured_data.story_data(story, context["request"], live=context.get("live"))
    return structured_data.json_ld_script(data)


@register.simple_tag(takes_context=True)
def share_image(context, image):
    """The 16:9 share rendition of ``image`` (absolute url, width, height), for og:image."""
    first = share_images(image)[0]
    return {**first, "url": absolute_url(first["url"], context["request"])}
