"""Figures in story bodies: ``<figure data-image="12">`` (as the sanitiser keeps it)
rendered as the picture with its caption and credit."""

import re

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from media import pictures

# Exactly as articles/sanitise.py writes a library figure: the id, then an optional caption.
_FIGURE = re.compile(r'<figure data-image="(\d+)">(?:<figcaption>(.*?)</figcaption>)?</figure>', re.S)


def caption_html(caption, credit):
    """A figcaption's inside: the caption (already safe HTML) and the credit."""
    if credit:
        return format_html('{} <span class="credit">{}</span>', caption, credit)
    return caption


def page_figure(image, caption):
    """A figure as the site's pages show it: a responsive ``<picture>``."""
    return format_html(
        '<figure class="figure">{}<figcaption>{}</figcaption></figure>',
        pictures.picture(image, pictures.ARTICLE),
        caption_html(caption, image.credit),
    )


def render_figures(body, images, draw=page_figure):
    """``body`` (sanitised) with each library figure drawn from ``images`` ({id: Image}).

    ``draw(image, caption)`` gives a figure's markup; the caption is the figure's own
    (safe HTML, from the editor) or else the image's. A figure whose image is gone from
    the library is left out.
    """

    def figure(match):
        image = images.get(int(match.group(1)))
        if image is None:
            return ""
        return draw(image, mark_safe(match.group(2)) if match.group(2) else image.caption)

    return mark_safe(_FIGURE.sub(figure, body))
