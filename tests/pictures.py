"""Pictures made on the spot with Pillow, for tests that need real image files."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from PIL import ImageDraw

GPS_IFD = 0x8825


def picture_bytes(size=(1200, 800), fmt="JPEG", *, gps=False, colour=(40, 90, 140), mode="RGB"):
    """An image file: a coloured field with a bright square at three quarters across,
    a quarter down (where a focal-point test looks for it)."""
    picture = PILImage.new(mode, size, colour)
    draw = ImageDraw.Draw(picture)
    x, y = size[0] * 3 // 4, size[1] // 4
    side = max(4, min(size) // 10)
    draw.rectangle([x - side, y - side, x + side, y + side], fill=(250, 220, 30) if mode == "RGB" else 255)
    out = io.BytesIO()
    options = {}
    if gps:
        exif = PILImage.Exif()
        exif[0x010F] = "Newsroom Test Camera"  # Make
        exif[GPS_IFD] = {1: "N", 2: (59.0, 19.0, 30.0), 3: "E", 4: (18.0, 4.0, 5.0)}
        options["exif"] = exif
    picture.save(out, fmt, **options)
    return out.getvalue()


def upload(name="photo.jpg", data=None, content_type="image/jpeg"):
    return SimpleUploadedFile(name, data if data is not None else picture_bytes(), content_type=content_type)


def add_picture(name="photo.jpg", *, size=(1200, 800), **fields):
    from media.uploads import ingest

    fields = {"alt_text": "Fishing boats tied up at the harbour wall", "credit": "Ana Lima / Harbour Press",
              "caption": "Boats at the harbour before dawn.", **fields}  # fmt: skip
    return ingest(io.BytesIO(picture_bytes(size)), name, **fields)
