"""Pictures that imported items carry, into the picture library.

A picture whose file sits beside the imported file (in the same folder or below
it) is checked like any upload (media/uploads.py) and added with its caption,
credit and alt text; the same file imported again is the same library image.

A remote address is fetched only when its host is named in
``NEWSROOM_WIRE_PICTURE_HOSTS`` (exact names; http and https only; redirects
only to named hosts; a timeout and the upload size limit; the same checks as
an upload), and a picture fetched once is found again by its address, not
fetched twice. Any other remote address is recorded in the summary and never
fetched, so an item cannot make the importer reach into the newsroom's network.

A missing, refused or unreachable picture is reported, and the story imports
without it. The first picture becomes the lead image (unless the story has
one), the others figures at the end of the body.
"""

import io
import urllib.error
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError

from media.models import Image
from media.uploads import RefusedImage, check, store_once
from wire.ingest.fetch import FetchFailed, FetchRefused, get


class NotAdded(Exception):
    """Why a picture was not added: one line for the summary's notes."""


def is_remote(href):
    scheme = urlsplit(href).scheme
    return len(scheme) > 1 and scheme != "file"


def local_path(href, origin):
    """The file ``href`` names inside the imported file's folder, or None when it names none there."""
    parts = urlsplit(href)
    if is_remote(href):
        return None
    folder = Path(origin).resolve().parent
    wanted = (folder / unquote(parts.path if parts.scheme == "file" else href)).resolve()
    return wanted if wanted.is_relative_to(folder) else None


def attach_pictures(story, item, *, user, dry_run=False):
    """Give ``story`` the pictures ``item`` carries; one note per picture not added."""
    item.picture_notes = notes = []
    images = []
    for picture in item.pictures:
        try:
            image = _library_image(picture, item.origin, user, dry_run=dry_run)
        except NotAdded as reason:
            notes.append(str(reason))
            continue
        if image is not None:
            images.append(image)
    if images and not story.lead_image_id:
        story.lead_image = images.pop(0)
    for image in images:
        if f'data-image="{image.pk}"' not in story.body and image.pk != story.lead_image_id:
            story.body += f'<figure data-image="{image.pk}"></figure>'
    return notes


def _library_image(picture, origin, user, *, dry_run):
    """The library image for ``picture``; None on a dry run, which checks but stores nothing."""
    source_url = ""
    if is_remote(picture.href):
        source_url = _as_source_url(picture.href)
        if source_url and (known := Image.objects.filter(source_url=source_url).first()):
            return None if dry_run else known
        checked = _fetched(picture.href)
    else:
        checked = _local(picture.href, origin)
    if dry_run:
        return None
    stem = PurePosixPath(unquote(urlsplit(picture.href).path)).stem
    title = picture.title or stem.replace("-", " ").replace("_", " ")
    return store_once(
        checked, uploaded_by=user, title=title[:200] or "picture", caption=picture.caption,
        credit=picture.credit[:200], alt_text=picture.alt_text[:300], source_url=source_url,
    )  # fmt: skip


def _local(href, origin):
    path = local_path(href, origin)
    if path is None:
        raise NotAdded(f"picture outside the imported file's folder, not read: {href}")
    if not path.is_file():
        raise NotAdded(f"picture file missing: {href} (looked for {path})")
    with path.open("rb") as source:
        return _checked(source, path.name)


def _fetched(href):
    parts = urlsplit(href)
    hosts = settings.NEWSROOM_WIRE_PICTURE_HOSTS
    if parts.scheme not in ("http", "https") or (parts.hostname or "").lower() not in hosts:
        raise NotAdded(
            "picture not fetched (remote; only local files and the hosts in "
            f"NEWSROOM_WIRE_PICTURE_HOSTS are imported): {href}"
        )
    try:
        body, _headers = get(
            href, hosts, timeout=settings.NEWSROOM_WIRE_PICTURE_TIMEOUT,
            limit=settings.NEWSROOM_IMAGE_MAX_BYTES, what="the picture",
        )  # fmt: skip
    except (FetchRefused, FetchFailed, urllib.error.HTTPError) as error:
        raise NotAdded(f"picture not fetched ({error}): {href}") from None
    return _checked(io.BytesIO(body), PurePosixPath(unquote(parts.path)).name or "picture")


def _checked(fileobj, name):
    try:
        return check(fileobj, name)
    except RefusedImage as refusal:
        raise NotAdded(f"picture refused: {' '.join(refusal.messages)}") from None


def _as_source_url(href):
    """``href`` when the library can record it as a picture's source, else "" (it imports anyway)."""
    try:
        Image._meta.get_field("source_url").run_validators(href)
    except ValidationError:
        return ""
    return href
