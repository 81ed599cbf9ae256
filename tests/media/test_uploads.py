"""Uploading pictures to the library through the desk, as an editor does: every file is
hostile until decoded, and a refused upload stores nothing."""

import io
import json
import struct
import zlib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse
from lxml import html as lxml_html
from PIL import Image as PILImage

from media.models import Image
from tests.helpers import texts
from tests.pictures import GPS_IFD, picture_bytes, upload

pytestmark = pytest.mark.django_db
UPLOAD = reverse("admin:media_image_upload")


def post(client, *files, **fields):
    return client.post(UPLOAD, {"files": list(files), "credit": "Ana Lima / Harbour Press", **fields})


def stored_files(settings):
    return sorted(p.name for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())


def errors(response):
    assert response.status_code == 200, response.status_code
    tree = lxml_html.fromstring(response.content.decode())
    return " ".join(texts(tree, "//ul[contains(@class, 'errorlist')]"))


def png_claiming(width, height):
    """A tiny PNG whose header claims ``width``×``height``: a decompression bomb's shape."""
    data = bytearray(picture_bytes((8, 8), "PNG"))
    header = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + header))
    return bytes(data)


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


def test_an_editor_uploads_several_pictures_at_once(desk, editor, settings):
    response = post(desk, upload("quay.jpg"), upload("ferry.png", picture_bytes(fmt="PNG"), "image/png"))
    assert response.status_code == 302 and response["Location"] == reverse("admin:media_image_changelist")
    images = Image.objects.order_by("title")
    assert [(i.title, i.credit, i.uploaded_by, i.format) for i in images] == [
        ("ferry", "Ana Lima / Harbour Press", editor, "PNG"),
        ("quay", "Ana Lima / Harbour Press", editor, "JPEG"),
    ]
    assert (images[0].width, images[0].height) == (1200, 800)
    assert len(stored_files(settings)) == 2


def test_a_text_file_renamed_jpg_is_refused(desk, settings):
    response = post(desk, upload("notes.jpg", b"Meeting notes, not a photo.\n" * 20))
    assert response.status_code == 200
    assert "notes.jpg: this is not a JPEG, PNG, WebP, AVIF or GIF picture" in errors(response)
    assert not Image.objects.exists() and stored_files(settings) == []


def test_an_oversized_file_is_refused(desk, settings):
    settings.NEWSROOM_IMAGE_MAX_BYTES = 10_000
    response = post(desk, upload("big.jpg", picture_bytes((1600, 1200))))
    assert "big.jpg: the file is over the" in errors(response)
    assert not Image.objects.exists()


def test_a_decompression_bomb_is_refused_before_it_is_decoded(desk, settings):
    response = post(desk, upload("bomb.png", png_claiming(60_000, 60_000), "image/png"))
    assert "bomb.png:" in errors(response) and "pixel limit" in errors(response)
    assert not Image.objects.exists() and stored_files(settings) == []


def test_a_picture_over_the_pixel_limit_is_refused(desk, settings):
    settings.NEWSROOM_IMAGE_MAX_PIXELS = 1000 * 1000
    response = post(desk, upload("wide.png", png_claiming(2000, 1000), "image/png"))
    assert "2000×1000 pixels is over the 1,000,000-pixel limit" in errors(response)


def test_svg_is_refused(desk):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = post(desk, upload("logo.svg", svg, "image/svg+xml"))
    assert "logo.svg: SVG pictures are not accepted" in errors(response)
    response = post(desk, upload("sneaky.png", b'<?xml version="1.0"?>' + svg, "image/png"))
    assert "sneaky.png: SVG pictures are not accepted" in errors(response)
    assert not Image.objects.exists()


def test_one_bad_file_stores_none_of_the_upload(desk, settings):
    response = post(desk, upload("good.jpg"), upload("bad.jpg", b"GIF89a broken"))
    assert "bad.jpg:" in errors(response)
    assert not Image.objects.exists() and stored_files(settings) == []


def test_gps_and_camera_details_are_stripped_from_the_stored_original(desk):
    original = picture_bytes(gps=True)
    assert GPS_IFD in PILImage.open(io.BytesIO(original)).getexif()  # the test file does carry GPS
    post(desk, upload("located.jpg", original))
    image = Image.objects.get()
    with image.file.open("rb") as stored:
        kept = PILImage.open(io.BytesIO(stored.read()))
    assert dict(kept.getexif()) == {}
    assert kept.size == (1200, 800)
    assert not image.metadata_kept


def exif_of(fileobj):
    """The EXIF of a stored picture file, GPS included, as {tag: value}."""
    exif = PILImage.open(io.BytesIO(fileobj.read())).getexif()
    return {**exif, **exif.get_ifd(GPS_IFD)}


def test_the_desk_may_keep_the_originals_metadata_on_purpose(desk, client):
    post(desk, upload("located.jpg", picture_bytes(gps=True)), keep_metadata="on")
    image = Image.objects.get()
    assert image.metadata_kept
    with image.file.open("rb") as stored:
        kept = exif_of(stored)
    assert kept[0x010F] == "Newsroom Test Camera" and kept[2] == (59.0, 19.0, 30.0)  # Make, GPS latitude
    page = desk.get(reverse("admin:media_image_change", args=[image.pk]))
    assert "original stored with its metadata (EXIF) kept on purpose at upload" in page.content.decode()


def test_an_original_kept_with_its_metadata_is_not_served_and_not_exported(
    desk, client, tmp_path, make_story
):
    post(desk, upload("located.jpg", picture_bytes(gps=True)), keep_metadata="on")
    image = Image.objects.get()
    assert client.get(image.file.url).status_code == 404
    make_story("Harbour wall repaired", lead_image=image)
    call_command("export_stories", tmp_path / "out.jsonl", stdout=io.StringIO())
    [item] = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    [picture] = [a for a in item["associations"] if a["type"] == "picture"]
    [rendition] = picture["renditions"]
    assert (rendition["name"], rendition["contentType"], rendition["width"]) == ("web", "image/jpeg", 1200)
    shared = client.get(client.get(urlsplit(rendition["href"]).path)["Location"])
    assert exif_of(io.BytesIO(b"".join(shared.streaming_content))) == {}


def test_renditions_never_carry_the_metadata_even_when_the_original_keeps_it(desk, client):
    post(desk, upload("located.jpg", picture_bytes(gps=True)), keep_metadata="on")
    image = Image.objects.get()
    for spec in ("orig-960.jpg", "16x9-640.webp", "1x1-320.avif"):
        address = reverse(
            "media:rendition", kwargs={"pk": image.pk, "fingerprint": image.fingerprint, "spec": spec}
        )
        stored = client.get(client.get(address)["Location"])
        assert stored.status_code == 200
        assert exif_of(io.BytesIO(b"".join(stored.streaming_content))) == {}, spec


def test_a_reporter_may_upload_but_an_outsider_may_not(client, reporter, django_user_model):
    client.force_login(reporter)
    assert post(client, upload("mine.jpg")).status_code == 302
    outsider = django_user_model.objects.create_user("olga", password="x", is_staff=True)
    client.force_login(outsider)
    assert post(client, upload("theirs.jpg")).status_code == 403
    assert Image.objects.count() == 1
