"""Renditions: a library picture cropped around its focal point, resized and encoded.

A rendition is named by its spec, ``<ratio>-<width>.<ext>`` (``16x9-1200.jpg``,
``orig-960.avif``), and stored through Django's storage API under the image's
fingerprint, so a new focal point or file never serves an old crop. It is made
the first time it is asked for (``ensure``), under a row lock on the image so
two processes never encode the same picture at once while other pictures go on
being served, and reused from storage ever after. ``Image.renditions`` maps
the names already made to their sizes in bytes, so pages link straight to storage without asking it;
a rendition not made yet is linked through the ``media:rendition`` view, which
makes it and redirects.
"""

import io
import logging
import threading
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import OperationalError, connection, transaction
from django.urls import reverse
from PIL import Image as PILImage

from media.models import Image

RATIOS = {"orig": None, "3x2": (3, 2), "16x9": (16, 9), "4x3": (4, 3), "1x1": (1, 1)}
WIDTHS = (320, 480, 640, 960, 1200, 1440)
# ext -> (Pillow format, MIME type, encoder options); listed best first for <picture>.
FORMATS = {
    "avif": ("AVIF", "image/avif", {"quality": 55, "speed": 8}),
    "webp": ("WEBP", "image/webp", {"quality": 78, "method": 4}),
    "jpg": ("JPEG", "image/jpeg", {"quality": 82, "progressive": True, "optimize": True}),
}


logger = logging.getLogger(__name__)


class UnknownSpec(ValueError):
    """Not a rendition this site makes (renditions are never made to arbitrary sizes)."""


@dataclass(frozen=True)
class Spec:
    ratio: str
    width: int
    ext: str

    @classmethod
    def parse(cls, text):
        try:
            ratio, rest = text.split("-", 1)
            width, ext = rest.split(".", 1)
            spec = cls(ratio, int(width), ext)
        except ValueError:
            raise UnknownSpec(text) from None
        if ratio not in RATIOS or spec.width not in WIDTHS or ext not in FORMATS:
            raise UnknownSpec(text)
        return spec

    def __str__(self):
        return f"{self.ratio}-{self.width}.{self.ext}"

    @property
    def mime_type(self):
        return FORMATS[self.ext][1]


def crop_box(image, ratio):
    """The largest box of ``ratio`` inside the picture, centred on the focal point as far as it fits."""
    width, height = image.width, image.height
    if RATIOS[ratio] is None:
        return (0, 0, width, height)
    across, down = RATIOS[ratio]
    if width * down > height * across:  # wider than the ratio: trim the sides
        box_w, box_h = round(height * across / down), height
    else:
        box_w, box_h = width, round(width * down / across)
    left = min(max(round(image.focal_x * width - box_w / 2), 0), width - box_w)
    top = min(max(round(image.focal_y * height - box_h / 2), 0), height - box_h)
    return (left, top, left + box_w, top + box_h)


def size_of(image, spec):
    """The (width, height) the rendition has: never wider than its crop of the original."""
    left, top, right, bottom = crop_box(image, spec.ratio)
    crop_w, crop_h = right - left, bottom - top
    width = min(spec.width, crop_w)
    return width, max(1, round(width * crop_h / crop_w))


def specs_for(image, ratio, widths, ext):
    """The specs worth offering in a srcset: one per distinct output width."""
    specs, seen = [], set()
    for width in widths:
        spec = Spec(ratio, width, ext)
        actual = size_of(image, spec)[0]
        if actual not in seen:
            seen.add(actual)
            specs.append(spec)
    return specs


def name_of(image, spec):
    return f"renditions/{image.pk}/{image.fingerprint}/{spec}"


def url_of(image, spec):
    """Where a browser gets the rendition: storage itself once made, else the view that makes it."""
    name = name_of(image, spec)
    if name in image.renditions:
        return image.file.storage.url(name)
    return reverse(
        "media:rendition", kwargs={"pk": image.pk, "fingerprint": image.fingerprint, "spec": str(spec)}
    )


def encode(image, spec):
    """The rendition's bytes, made from the stored original."""
    with image.file.open("rb") as source:
        picture = PILImage.open(io.BytesIO(source.read()))
        picture.load()
    pillow_format, _, options = FORMATS[spec.ext]
    has_alpha = picture.mode in ("RGBA", "LA") or "transparency" in picture.info
    if has_alpha and pillow_format != "JPEG":
        picture = picture.convert("RGBA")
    elif has_alpha:
        flat = PILImage.new("RGB", picture.size, (255, 255, 255))
        flat.paste(picture.convert("RGBA"), mask=picture.convert("RGBA").getchannel("A"))
        picture = flat
    else:
        picture = picture.convert("RGB")
    resized = picture.resize(
        size_of(image, spec), PILImage.Resampling.LANCZOS, box=crop_box(image, spec.ratio)
    )
    out = io.BytesIO()
    resized.save(out, pillow_format, **options)  # no exif= or xmp=: nothing personal travels on
    return out.getvalue()


def ensure(image, spec):
    """Make the rendition unless storage has it already; its storage name."""
    name = name_of(image, spec)
    if name in image.renditions:
        return name
    with _one_maker(image) as current:
        storage = current.file.storage
        if storage.exists(name):  # made by another request, or its note was lost
            size = storage.size(name)
        else:
            data = encode(current, spec)
            saved = storage.save(name, ContentFile(data))
            if saved != name:
                raise RuntimeError(f"Storage saved {name} as {saved}; renditions need their exact name.")
            size = len(data)
    image.renditions = _note(current, name, size)
    return name


_local_locks = defaultdict(threading.Lock)


@contextmanager
def _one_maker(image):
    """One maker per picture at a time while others are served: on PostgreSQL a row lock, so
    processes on several machines take turns; elsewhere (SQLite, one machine) a lock per process."""
    if connection.vendor == "postgresql":
        with transaction.atomic():
            yield Image.objects.select_for_update().get(pk=image.pk)
        return
    with _local_locks[image.pk]:
        yield image


def _note(image, name, size):
    """Remember a made rendition on the image, so pages link to storage without asking it.

    Only a shortcut: a note lost to a concurrent note, or to a busy SQLite database,
    costs one ``storage.exists`` on the next request, never a wrong picture.
    """
    current = {n: b for n, b in image.renditions.items() if f"/{image.fingerprint}/" in n}
    renditions = {**current, name: size}
    try:
        # update(), not save(): a rendition changes nothing a reader sees, so no content_changed.
        Image.objects.filter(pk=image.pk).update(renditions=renditions)
    except OperationalError:
        logger.warning("Could not note rendition %s; it is in storage and will be found there.", name)
    return renditions
