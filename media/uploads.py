"""Uploads are hostile input: every picture is decoded before anything is stored.

``ingest()`` is the one door into the library (the desk's upload form, wire
imports, the demo). It reads at most ``NEWSROOM_IMAGE_MAX_BYTES``, refuses SVG
and anything Pillow cannot decode as JPEG, PNG, WebP, AVIF or GIF, refuses
pictures over ``NEWSROOM_IMAGE_MAX_PIXELS`` *before* decoding them (a
decompression bomb is a small file that claims a huge canvas), and stores a
re-encoded original without EXIF, XMP or comments, so GPS positions and camera
serial numbers never leave the newsroom. The desk may keep the original's EXIF
and XMP on purpose (``keep_metadata``, recorded as ``Image.metadata_kept``), for
the archive; renditions, all that readers get, never carry it either way. The
row and the file are written together: a refused picture leaves neither, and
a row rolled back with its transaction takes its file along (media/rollback.py).
"""

import hashlib
import io
import os
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

from media.models import Image
from media.rollback import note_written

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "AVIF": "avif", "GIF": "gif"}
# How each format's original is written back once its metadata is dropped.
SAVE_OPTIONS = {
    "JPEG": {"quality": 92, "optimize": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 92},
    "AVIF": {"quality": 85},
    "GIF": {},
}


class RefusedImage(ValidationError):
    """The file is not a picture the library accepts; the message says why and what to do."""


def _refuse(name, reason):
    raise RefusedImage(f"{name}: {reason}", code="refused_image")


def read_limited(fileobj, name):
    """The file's bytes, refusing it as soon as it passes the size limit."""
    limit = settings.NEWSROOM_IMAGE_MAX_BYTES
    data = fileobj.read(limit + 1)
    if len(data) > limit:
        _refuse(name, f"the file is over the {limit // (1024 * 1024)} MB limit; send a smaller export.")
    if not data:
        _refuse(name, "the file is empty.")
    return data


def _looks_like_svg(data, name):
    head = data[:1024].lstrip().lower()
    return name.lower().endswith((".svg", ".svgz")) or head.startswith((b"<?xml", b"<svg", b"<!doctype svg"))


def decode(data, name):
    """A fully decoded Pillow image of ``data``, or ``RefusedImage`` saying why not."""
    if _looks_like_svg(data, name):
        _refuse(name, "SVG pictures are not accepted (they can carry scripts); upload a PNG or JPEG.")
    limit = settings.NEWSROOM_IMAGE_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            picture = PILImage.open(io.BytesIO(data), formats=list(ALLOWED_FORMATS))
            # The header's size, checked before a single pixel is decoded.
            width, height = picture.size
            if width * height > limit:
                _refuse(name, f"{width}×{height} pixels is over the {limit:,}-pixel limit.")
            picture.load()
    except RefusedImage:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        _refuse(name, f"the picture claims more than the {limit:,}-pixel limit.")
    except UnidentifiedImageError:
        _refuse(name, "this is not a JPEG, PNG, WebP, AVIF or GIF picture (or it is damaged).")
    except (OSError, SyntaxError, ValueError) as error:
        _refuse(name, f"the picture cannot be read ({error}); export it again.")
    if picture.format not in ALLOWED_FORMATS:
        _refuse(name, f"{picture.format} pictures are not accepted; use JPEG, PNG, WebP, AVIF or GIF.")
    return picture


# The formats Pillow writes each kind of metadata back into (GIF carries neither).
EXIF_FORMATS = {"JPEG", "PNG", "WEBP", "AVIF"}
XMP_FORMATS = {"JPEG", "WEBP", "AVIF"}


def clean_original(picture, *, keep_metadata=False):
    """The original's bytes, turned the way its EXIF orientation says: without metadata, or
    with its EXIF and XMP carried over when the desk keeps them on purpose."""
    fmt = picture.format
    upright = ImageOps.exif_transpose(picture)
    if fmt == "JPEG" and upright.mode not in ("RGB", "L", "CMYK"):
        upright = upright.convert("RGB")
    options = dict(SAVE_OPTIONS[fmt])
    if icc := picture.info.get("icc_profile"):
        options["icc_profile"] = icc  # colour, not personal data
    if keep_metadata:
        # The upright copy's EXIF: the orientation tag is gone, as the pixels are turned.
        if fmt in EXIF_FORMATS and (exif := upright.getexif()):
            options["exif"] = exif
        if fmt in XMP_FORMATS and (xmp := upright.info.get("xmp")):
            options["xmp"] = xmp
    out = io.BytesIO()
    # Saving from pixels writes no EXIF, XMP or comment unless passed in ``options``.
    upright.save(out, fmt, **options)
    return out.getvalue(), upright.size


def dominant_colour(picture):
    """The most common of eight colours in a small copy, as #rrggbb: the placeholder."""
    small = picture.convert("RGB").resize((48, 48))
    palette = small.quantize(colors=8, method=PILImage.Quantize.MEDIANCUT)
    _count, index = max(palette.getcolors())
    red, green, blue = palette.getpalette()[index * 3 : index * 3 + 3]
    return f"#{red:02x}{green:02x}{blue:02x}"


@dataclass
class Checked:
    """A picture that passed every check, ready to store: cleaned bytes and what they hold."""

    name: str
    data: bytes
    width: int
    height: int
    format: str
    dominant_colour: str
    metadata_kept: bool = False

    @property
    def stem(self):
        return os.path.splitext(self.name)[0][:80] or "picture"


def check(fileobj, name, *, keep_metadata=False):
    """Read and check one upload without storing anything; ``RefusedImage`` says why not.

    ``keep_metadata``: the desk's explicit choice to store the original with its EXIF and XMP.
    """
    name = os.path.basename(name) or "picture"
    picture = decode(read_limited(fileobj, name), name)
    cleaned, (width, height) = clean_original(picture, keep_metadata=keep_metadata)
    return Checked(
        name, cleaned, width, height, picture.format, dominant_colour(picture), metadata_kept=keep_metadata
    )


def store(checked, *, uploaded_by=None, **fields):
    """Add a checked picture to the library; the row and the file are written together."""
    fields.setdefault("title", checked.stem.replace("-", " ").replace("_", " "))
    image = Image(
        width=checked.width, height=checked.height, format=checked.format, file_size=len(checked.data),
        dominant_colour=checked.dominant_colour, metadata_kept=checked.metadata_kept,
        uploaded_by=uploaded_by, **fields,
    )  # fmt: skip
    image.full_clean(exclude=["file"])
    name = f"{checked.stem}.{ALLOWED_FORMATS[checked.format]}"
    image.file.save(name, ContentFile(checked.data), save=False)
    try:
        image.save()
    except DatabaseError:
        # The row failed after the file was written: take the file back out.
        image.file.storage.delete(image.file.name)
        raise
    # Should the transaction around this roll back later, the file goes with the row.
    note_written(image.file.storage, image.file.name)
    return image


def store_once(checked, **fields):
    """The library image of these exact bytes if there is one (an import run again), else ``store``."""
    digest = hashlib.sha256(checked.data).hexdigest()
    return Image.objects.filter(checksum=digest).first() or store(checked, checksum=digest, **fields)


def ingest(fileobj, name, *, uploaded_by=None, **fields):
    """Check ``fileobj`` and add it to the library; returns the saved ``Image``.

    ``fields`` are the model's editable fields (title, caption, credit, alt_text...).
    Raises ``RefusedImage`` with a message naming the file when it is refused.
    """
    return store(check(fileobj, name), uploaded_by=uploaded_by, **fields)
