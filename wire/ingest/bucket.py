"""Listing a bucket source: the objects under its prefix that are new or changed since the last poll.

An object is known by its key and ETag (``BucketObject``): the listing alone tells which
ones to download, so a poll of a prefix holding thousands of old files reads none of them.
Credentials are boto3's own (a named profile of the shared credentials file, else the
environment), never fields of the source, so no secret is stored or shown in the admin.
"""

from dataclasses import dataclass

import boto3
import botocore.exceptions
from botocore.config import Config
from django.conf import settings
from django.utils import timezone

from wire.ingest.fetch import FetchFailed, FetchRefused
from wire.ingest.models import BucketObject


@dataclass
class Listed:
    key: str
    etag: str
    size: int


def client(source):
    session = boto3.session.Session(profile_name=source.credentials_profile or None)
    timeout = settings.NEWSROOM_INGEST_TIMEOUT
    return session.client(
        "s3", endpoint_url=source.endpoint_url or None, region_name=source.region or None,
        config=Config(connect_timeout=timeout, read_timeout=timeout, retries={"max_attempts": 2}),
    )  # fmt: skip


def _failure(source, error):
    """The one-line reason for the desk: refused (no point retrying) or failed (retried later)."""
    where = f"s3://{source.bucket}/{source.prefix}"
    if isinstance(error, botocore.exceptions.ClientError):
        code = error.response.get("Error", {}).get("Code", "")
        if code in ("NoSuchBucket", "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch"):
            return FetchRefused(f"cannot list {where}: {code}")
        return FetchFailed(f"cannot list {where}: {code or error}")
    if isinstance(error, botocore.exceptions.NoCredentialsError | botocore.exceptions.ProfileNotFound):
        return FetchRefused(f"no credentials to read {where}: {error}")
    return FetchFailed(f"cannot reach {where}: {error}")


def changed_objects(source, s3):
    """The objects under the prefix whose key is new or whose ETag changed, in key order."""
    known = dict(BucketObject.objects.filter(source=source).values_list("key", "etag"))
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=source.bucket, Prefix=source.prefix)
    for listing in pages:
        for entry in listing.get("Contents", []):
            key, etag = entry["Key"], entry["ETag"]
            if key.endswith("/") or known.get(key) == etag:  # a "folder" marker, or already taken
                continue
            yield Listed(key, etag, entry["Size"])


def new_files(source):
    """Download the new and changed objects: [(key, bytes, taken)], where ``taken()`` records
    the object as taken, to be called once its bytes are safely received.

    An object over ``NEWSROOM_INGEST_MAX_BYTES`` is remembered as refused, with its reason,
    and not downloaded; one rewritten between the listing and the download waits for the
    next poll, which lists its new ETag.
    """
    limit = settings.NEWSROOM_INGEST_MAX_BYTES
    files = []
    try:
        s3 = client(source)
        for listed in changed_objects(source, s3):
            if listed.size > limit:
                _remember(source, listed, f"{listed.size:,} bytes, over the {limit:,}-byte limit")
                continue
            data = _download(s3, source, listed)
            if data is not None:
                files.append((listed.key, data, _remembering(source, listed)))
    except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as error:
        raise _failure(source, error) from None
    return files


def _download(s3, source, listed):
    """The object's bytes as listed (IfMatch its ETag), or None when it changed since."""
    try:
        answer = s3.get_object(Bucket=source.bucket, Key=listed.key, IfMatch=listed.etag)
    except botocore.exceptions.ClientError as error:
        if error.response.get("Error", {}).get("Code") in ("PreconditionFailed", "412"):
            return None
        raise
    with answer["Body"] as body:
        return body.read()


def _remembering(source, listed):
    return lambda: _remember(source, listed)


def _remember(source, listed, refused=""):
    BucketObject.objects.update_or_create(
        source=source, key=listed.key,
        defaults={"etag": listed.etag, "size": listed.size, "refused": refused, "seen_at": timezone.now()},
    )  # fmt: skip
