"""Bucket sources: the new and changed objects under an S3 prefix, imported once each.

A real S3 server (moto's standalone server) runs on 127.0.0.1 for the module; every test
gets its own bucket. Credentials come from the environment, as on a worker.
"""

import json
from datetime import timedelta

import pytest
from celery.exceptions import Retry
from django.utils import timezone

from articles.models import Story
from tests.helpers import page, texts
from wire.ingest.fetch import FetchRefused
from wire.ingest.models import BucketObject, Delivery, Source
from wire.ingest.receive import receive
from wire.tasks import poll_source

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@pytest.fixture
def s3(s3_server, settings, tmp_path, monkeypatch, request):
    import boto3

    settings.NEWSROOM_INGEST_DIR = str(tmp_path / "spool")
    # The worker's environment: keys, and no AWS files of the machine running the tests.
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none"), "AWS_CONFIG_FILE": str(tmp_path / "none"),
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1")
    client.bucket = request.node.name.replace("_", "-")[:60].strip("-")
    client.create_bucket(Bucket=client.bucket)
    return client


def story_json(guid, headline, version="1"):
    return json.dumps({
        "uri": guid, "type": "text", "version": version, "headline": headline,
        "body_text": f"{headline}. The council met on Tuesday.",
    })  # fmt: skip


def put(s3, key, body):
    s3.put_object(Bucket=s3.bucket, Key=key, Body=body.encode() if isinstance(body, str) else body)


def bucket_source(s3, endpoint, **fields):
    fields = {"name": "Agency bucket", "slug": "agency-bucket", "kind": Source.Kind.BUCKET,
              "bucket": s3.bucket, "prefix": "agency/in/", "endpoint_url": endpoint,
              "region": "us-east-1", **fields}  # fmt: skip
    return Source.objects.create(**fields)


def poll(source):
    return poll_source.apply(args=[source.pk], throw=True).result


def test_new_objects_under_the_prefix_are_imported_once(world, s3, s3_server):
    put(s3, "agency/in/ferries.json", story_json("urn:agency:ferries", "Ferries return to the harbour"))
    put(s3, "agency/in/market.json", story_json("urn:agency:market", "Market hall reopens"))
    put(s3, "agency/out/sent.json", story_json("urn:agency:sent", "Not under the prefix"))
    source = bucket_source(s3, s3_server)

    assert len(poll(source)) == 2
    assert sorted(Story.objects.values_list("headline", flat=True)) == [
        "Ferries return to the harbour", "Market hall reopens",
    ]  # fmt: skip
    assert set(Delivery.objects.values_list("name", flat=True)) == {
        "agency/in/ferries.json",
        "agency/in/market.json",
    }

    # Nothing new: nothing is downloaded or imported again.
    assert poll(source) == []
    assert Story.objects.count() == 2 and Delivery.objects.count() == 2


def test_an_object_rewritten_under_its_key_updates_its_story(world, s3, s3_server):
    put(s3, "agency/in/ferries.json", story_json("urn:agency:ferries", "Ferries return"))
    put(s3, "agency/in/market.json", story_json("urn:agency:market", "Market hall reopens"))
    source = bucket_source(s3, s3_server)
    poll(source)
    first_etag = BucketObject.objects.get(key="agency/in/ferries.json").etag

    put(s3, "agency/in/ferries.json", story_json("urn:agency:ferries", "Ferries return on Monday", "2"))
    [delivery] = poll(source)

    assert Delivery.objects.get(pk=delivery).name == "agency/in/ferries.json"
    assert Story.objects.get(imports__guid="urn:agency:ferries").headline == "Ferries return on Monday"
    assert Story.objects.count() == 2
    assert BucketObject.objects.get(key="agency/in/ferries.json").etag != first_etag


def test_the_same_bytes_under_another_key_import_nothing_twice(world, s3, s3_server):
    put(s3, "agency/in/ferries.json", story_json("urn:agency:ferries", "Ferries return"))
    source = bucket_source(s3, s3_server)
    poll(source)
    put(s3, "agency/in/copy-of-ferries.json", story_json("urn:agency:ferries", "Ferries return"))

    assert poll(source) == []
    assert Story.objects.count() == 1
    assert BucketObject.objects.filter(source=source).count() == 2  # and neither is read again


def test_an_object_received_by_a_poll_that_died_before_queueing_it_is_imported_later(world, s3, s3_server):
    body = story_json("urn:agency:ferries", "Ferries return")
    put(s3, "agency/in/ferries.json", body)
    source = bucket_source(s3, s3_server)
    delivery, _ = receive(source, "agency/in/ferries.json", body.encode())  # and then the worker died

    assert poll(source) == []  # its import may still be queued, so the object is not taken yet
    assert not BucketObject.objects.exists()
    Delivery.objects.filter(pk=delivery.pk).update(received_at=timezone.now() - timedelta(hours=2))
    assert poll(source) == [delivery.pk]

    assert Story.objects.get().headline == "Ferries return"
    assert poll(source) == [] and BucketObject.objects.get().key == "agency/in/ferries.json"


def test_an_oversized_object_is_refused_and_the_others_imported(
    world, s3, s3_server, settings, client, editor
):
    settings.NEWSROOM_INGEST_MAX_BYTES = 2000
    put(s3, "agency/in/big.json", story_json("urn:agency:big", "Big " + "word " * 1000))
    put(s3, "agency/in/small.json", story_json("urn:agency:small", "Small story"))
    source = bucket_source(s3, s3_server)

    assert len(poll(source)) == 1

    assert list(Story.objects.values_list("headline", flat=True)) == ["Small story"]
    assert poll(source) == []
    client.force_login(editor)
    [refused] = texts(page(client.get("/admin/wire/source/desk/")), "//ul[@id='wire-refused']/li")
    assert (
        refused.startswith("Agency bucket: agency/in/big.json: ") and "over the 2,000-byte limit" in refused
    )


def test_a_missing_bucket_is_a_refusal_the_desk_shows(world, s3, s3_server, client, editor):
    source = bucket_source(s3, s3_server, bucket="no-such-bucket")
    for _ in range(3):
        with pytest.raises(FetchRefused, match="NoSuchBucket"):
            poll(source)
    client.force_login(editor)
    [state] = texts(
        page(client.get("/admin/wire/source/desk/")), "//tr[@data-source='agency-bucket']/td[@class='state']"
    )
    assert state.startswith("Failing: 3 fetches in a row") and "no-such-bucket" in state


def test_a_named_credentials_profile_that_does_not_exist_is_refused(world, s3, s3_server):
    source = bucket_source(s3, s3_server, credentials_profile="agency")
    with pytest.raises(FetchRefused, match="no credentials"):
        poll(source)


def test_an_unreachable_endpoint_is_retried_later(world, s3, settings):
    settings.NEWSROOM_INGEST_TIMEOUT = 1
    source = bucket_source(s3, "http://127.0.0.1:9")  # the discard port: nothing listens
    with pytest.raises(Retry):
        poll(source)
    source.refresh_from_db()
    assert source.consecutive_failures == 1 and "cannot reach" in source.last_error


def test_an_editor_adds_a_bucket_source_in_the_admin_with_no_secret_in_it(
    world, client, editor, s3, s3_server
):
    client.force_login(editor)
    form = page(client.get("/admin/wire/source/add/"))
    fields = set(form.xpath("//form[@id='source_form']//*[@name]/@name"))
    assert {"bucket", "prefix", "endpoint_url", "region", "credentials_profile"} <= fields
    assert not any("key" in name or name.startswith("aws") for name in fields)
    answer = client.post("/admin/wire/source/add/", {
        "name": "Agency bucket", "slug": "agency-bucket", "kind": "bucket", "bucket": s3.bucket,
        "prefix": "agency/in/", "endpoint_url": s3_server, "region": "us-east-1", "poll_minutes": "5",
        "format": "auto", "status": "draft", "push_secret": "unused-for-buckets",
    })  # fmt: skip
    assert answer.status_code == 302
    put(s3, "agency/in/ferries.json", story_json("urn:agency:ferries", "Ferries return"))

    poll(Source.objects.get(slug="agency-bucket"))

    assert Story.objects.get().headline == "Ferries return"
