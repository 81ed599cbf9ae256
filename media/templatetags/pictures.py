"""``{% picture image "card" %}`` and ``{% story_body story images %}`` for templates."""

from django import template

from media import figures, pictures

register = template.Library()

USES = {
    "card": pictures.CARD,
    "lead_card": pictures.LEAD_CARD,
    "list_card": pictures.LIST_CARD,
    "article": pictures.ARTICLE,
}


@register.simple_tag
def picture(image, use, *, priority=False):
    if image is None:
        return ""
    return pictures.picture(image, USES[use], priority=priority)


@register.simple_tag
def story_body(body, images):
    """The sanitised body with its library figures drawn (``images``: the story's, by id)."""
    return figures.render_figures(body, {image.pk: image for image in images})


@register.simple_tag
def picture_caption(caption, credit):
    return figures.caption_html(caption, credit)
