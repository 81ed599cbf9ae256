"""``<picture>`` markup for a library image: AVIF and WebP sources, a JPEG ``<img>``.

Every picture states its width and height (so the page never shifts as it
loads), offers a srcset of renditions with ``sizes``, and sits on a box of its
dominant colour while it loads. The placeholder is an SVG ``<rect fill>``, not
a ``style`` attribute, so it needs no 'unsafe-inline' in a Content Security Policy.
Below the fold a picture loads lazily; the one that matters most (the lead) is
fetched with high priority instead.
"""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from media.renditions import FORMATS, Spec, size_of, specs_for, url_of


@dataclass(frozen=True)
class Use:
    """A place a picture appears: its crop, the widths offered, and how wide it shows."""

    ratio: str
    widths: tuple
    sizes: str


CARD = Use("3x2", (320, 640, 960), "(min-width: 60rem) 17rem, (min-width: 44rem) 45vw, 100vw")
LEAD_CARD = Use("3x2", (480, 960, 1440), "(min-width: 76rem) 47rem, (min-width: 44rem) 62vw, 100vw")
LIST_CARD = Use("3x2", (320, 640), "10rem")
ARTICLE = Use("orig", (480, 960, 1440), "(min-width: 48rem) 46rem, 100vw")
# What search engines and social sites get: JPEG, 1200 wide, in the ratios Google asks for.
SHARE_RATIOS = ("16x9", "4x3", "1x1")
SHARE_WIDTH = 1200


def srcset(image, use, ext):
    return ", ".join(
        f"{url_of(image, spec)} {size_of(image, spec)[0]}w"
        for spec in specs_for(image, use.ratio, use.widths, ext)
    )


def picture(image, use, *, priority=False, alt=None):
    """The markup for ``image`` shown as ``use``; ``priority`` for the picture that matters most."""
    fallback = specs_for(image, use.ratio, use.widths, "jpg")
    middle = fallback[min(1, len(fallback) - 1)]
    width, height = size_of(image, Spec(use.ratio, max(use.widths), "jpg"))
    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="{}">',
        ((FORMATS[ext][1], srcset(image, use, ext), use.sizes) for ext in FORMATS if ext != "jpg"),
    )
    loading = mark_safe('fetchpriority="high"' if priority else 'loading="lazy" decoding="async"')
    return format_html(
        '<span class="picture picture--{ratio}">'
        '<svg class="picture__placeholder" aria-hidden="true" focusable="false" viewBox="0 0 {w} {h}" '
        'preserveAspectRatio="none"><rect width="{w}" height="{h}" fill="{colour}"/></svg>'
        '<picture>{sources}<img src="{src}" srcset="{srcset}" sizes="{sizes}" width="{w}" height="{h}" '
        'alt="{alt}" {loading}></picture></span>',
        ratio=use.ratio, w=width, h=height, colour=image.dominant_colour, sources=sources,
        src=url_of(image, middle), srcset=srcset(image, use, "jpg"), sizes=use.sizes,
        alt=image.alt if alt is None else alt, loading=loading,
    )  # fmt: skip


def share_images(image):
    """The share renditions as dicts (url, width, height): 16:9 first, as og:image wants one."""
    found = []
    for ratio in SHARE_RATIOS:
        spec = Spec(ratio, SHARE_WIDTH, "jpg")
        width, height = size_of(image, spec)
        found.append({"ratio": ratio, "url": url_of(image, spec), "width": width, "height": height})
    return found
