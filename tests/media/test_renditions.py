"""Renditions as browsers get them: made on first request, cropped around the focal
point, in AVIF, WebP and JPEG, stored once and reused."""

import io
from pathlib import Path

import pytest
from django.urls import reverse
from PIL import Image as PILImage

from media.renditions import Spec, name_of
from tests.pictures import add_picture

pytestmark = pytest.mark.django_db


def rendition_url(image, spec):
    return reverse("media:rendition", kwargs={"pk": image.pk, "fingerprint": image.fingerprint, "spec": spec})


def fetch(client, url):
    """Follow the rendition view to the stored file; (stored file's path, decoded picture)."""
    response = client.get(url)
    assert response.status_code == 302, response.status_code
    stored = client.get(response["Location"])
    assert stored.status_code == 200
    body = b"".join(stored.streaming_content)
    return response["Location"], PILImage.open(io.BytesIO(body))


def test_a_rendition_is_made_on_first_request_then_reused(client, picture, settings):
    url = rendition_url(picture, "orig-960.avif")
    location, decoded = fetch(client, url)
    assert decoded.format == "AVIF" and decoded.size == (960, 600)
    path = Path(settings.MEDIA_ROOT) / name_of(picture, Spec.parse("orig-960.avif"))
    made = path.stat().st_mtime_ns
    again = client.get(url)
    assert again["Location"] == location and again["Cache-Control"].startswith("public, max-age=")
    assert path.stat().st_mtime_ns == made
    picture.refresh_from_db()
    assert picture.renditions == {name_of(picture, Spec.parse("orig-960.avif")): path.stat().st_size}


@pytest.mark.parametrize(("spec", "fmt", "size"), [
    ("orig-480.webp", "WEBP", (480, 300)),
    ("orig-1440.jpg", "JPEG", (1440, 900)),
    ("16x9-1200.jpg", "JPEG", (1200, 675)),
    ("1x1-320.avif", "AVIF", (320, 320)),
])  # fmt: skip
def test_each_format_and_crop_has_the_size_it_claims(client, picture, spec, fmt, size):
    _, decoded = fetch(client, rendition_url(picture, spec))
    assert (decoded.format, decoded.size) == (fmt, size)


def test_a_rendition_is_never_wider_than_the_original(client, db):
    small = add_picture("small.jpg", size=(400, 300))
    _, decoded = fetch(client, rendition_url(small, "orig-1440.jpg"))
    assert decoded.size == (400, 300)


def test_sizes_the_site_does_not_use_are_not_made(client, picture):
    assert client.get(rendition_url(picture, "orig-961.jpg")).status_code == 404
    assert client.get(rendition_url(picture, "orig-960.bmp")).status_code == 404


def yellow_in_the_middle_column(decoded):
    """The test picture's square, a quarter down, in the middle of the crop."""
    red, green, blue = decoded.convert("RGB").getpixel((decoded.width // 2, decoded.height // 4))
    return red > 200 and green > 180 and blue < 100


def test_crops_keep_the_focal_point_in_view(client, db):
    # A wide picture with a yellow square three quarters across, a quarter down.
    wide = add_picture("wide.jpg", size=(2000, 500))
    _, centred = fetch(client, rendition_url(wide, "1x1-320.jpg"))
    assert not yellow_in_the_middle_column(centred)
    wide.focal_x, wide.focal_y = 0.75, 0.25
    wide.save()
    _, focused = fetch(client, rendition_url(wide, "1x1-320.jpg"))
    assert yellow_in_the_middle_column(focused)


def test_an_old_crop_address_leads_to_the_current_crop(client, picture):
    old = rendition_url(picture, "4x3-640.jpg")
    picture.focal_x = 0.9
    picture.save()
    response = client.get(old)
    assert response.status_code == 302
    assert response["Location"] == rendition_url(picture, "4x3-640.jpg") != old


def test_renditions_carry_no_metadata(client, db):
    from media.uploads import ingest
    from tests.pictures import picture_bytes

    located = ingest(io.BytesIO(picture_bytes(gps=True)), "located.jpg", credit="x", alt_text="y")
    _, decoded = fetch(client, rendition_url(located, "orig-480.jpg"))
    assert dict(decoded.getexif()) == {}
