"""Pictures on an S3-compatible object store, chosen by settings alone: a real S3 server
(moto's standalone server) started on 127.0.0.1, and a real round trip through it."""

import io
import json
import subprocess
import sys
import urllib.request

import pytest
from django.urls import reverse
from PIL import Image as PILImage

from newsroom.settings import media_storage
from tests.pictures import add_picture

pytestmark = [pytest.mark.slow, pytest.mark.django_db]
BUCKET = "newsroom-pictures"


@pytest.fixture
def on_s3(s3_server, settings, monkeypatch):
    """The default storage as settings make it from the environment, pointed at the server."""
    import boto3

    for name, value in {
        "S3_BUCKET": BUCKET, "S3_ENDPOINT_URL": s3_server, "S3_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    s3 = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1")
    s3.create_bucket(Bucket=BUCKET)
    # Pictures are public: the bucket lets anyone read, as a deployment's bucket policy would.
    public_read = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                       "Resource": f"arn:aws:s3:::{BUCKET}/*"}],
    }  # fmt: skip
    s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(public_read))
    settings.STORAGES = {**settings.STORAGES, "default": media_storage()}
    return s3_server


def test_pictures_and_their_renditions_go_to_the_object_store(client, on_s3, make_story):
    picture = add_picture("harbour.jpg", size=(1600, 1000))
    assert picture.file.url.startswith(f"{on_s3}/{BUCKET}/originals/")
    with urllib.request.urlopen(picture.file.url, timeout=10) as stored:
        assert PILImage.open(io.BytesIO(stored.read())).size == (1600, 1000)

    spec = "orig-960.webp"
    url = reverse(
        "media:rendition", kwargs={"pk": picture.pk, "fingerprint": picture.fingerprint, "spec": spec}
    )
    response = client.get(url)
    assert response.status_code == 302
    location = response["Location"]
    assert location == f"{on_s3}/{BUCKET}/renditions/{picture.pk}/{picture.fingerprint}/{spec}"
    with urllib.request.urlopen(location, timeout=10) as rendition:
        assert PILImage.open(io.BytesIO(rendition.read())).size == (960, 600)

    # Once made, reader pages link straight to the object store.
    story = make_story("Harbour reopens", lead_image=picture)
    html = client.get(story.get_absolute_url()).content.decode()
    assert f"{location} 960w" in html


def test_a_second_process_finds_the_renditions_the_first_made(client, on_s3):
    picture = add_picture("quay.jpg")
    spec = "4x3-640.jpg"
    url = reverse(
        "media:rendition", kwargs={"pk": picture.pk, "fingerprint": picture.fingerprint, "spec": spec}
    )
    made = client.get(url)["Location"]
    other = subprocess.run(
        [sys.executable, "-c", (
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'newsroom.settings'; django.setup();"
            "from django.core.files.storage import default_storage as s;"
            f"print(s.exists('renditions/{picture.pk}/{picture.fingerprint}/{spec}'), s.url('x'))"
        )],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert other.stdout.split() == ["True", f"{on_s3}/{BUCKET}/x"], other.stderr[-500:]
    assert made.startswith(on_s3)
