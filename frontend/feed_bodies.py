"""Story bodies as feeds carry them: each library figure as one plain picture.

Feed readers know neither ``<picture>`` nor ``srcset`` nor the site's
stylesheet, and a bare ``<figure data-image="12">`` shows them nothing. In a
feed, a figure is one JPEG ``<img>`` at an absolute address, with its alt text,
width and height, and its caption and credit in a ``<figcaption>``. (The lead
image travels beside the body, as the enclosure and ``media:content``.)
"""

from django.utils.html import format_html

from articles.sanitise import figure_ids
from frontend.canonical import absolute_url
from media.figures import caption_html, render_figures
from media.models import Image
from media.renditions import Spec, size_of, url_of

FEED_FIGURE = Spec("orig", 960, "jpg")


def feed_body(story, request):
    """``story``'s sanitised body with its figures drawn for feed readers (one query when it has any)."""
    images = Image.objects.in_bulk(figure_ids(story.body))

    def draw(image, caption):
        width, height = size_of(image, FEED_FIGURE)
        caption = caption_html(caption, image.credit)
        return format_html(
            '<figure><img src="{}" alt="{}" width="{}" height="{}">{}</figure>',
            absolute_url(url_of(image, FEED_FIGURE), request), image.alt, width, height,
            format_html("<figcaption>{}</figcaption>", caption) if caption else "",
        )  # fmt: skip

    return render_figures(story.body, images, draw)
