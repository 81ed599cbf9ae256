"""Pictures that imported items carry, into the picture library.

A picture whose file sits beside the imported file (in the same folder or below
it) is checked like any upload (media/uploads.py) and added with its caption,
credit and alt text; the same file imported again is the same library image.
A remote address is recorded in the summary and never fetched: the importer
makes no network requests. A missing or refused file is reported, and the story
imports without it. The first picture becomes the lead image (unless the story
has one), the others figures at the end of the body.
"""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from media.uploads import RefusedImage, check, store_once


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
        path = local_path(picture.href, item.origin)
        if path is None and is_remote(picture.href):
            notes.append(f"picture not fetched (remote; only local files are imported): {picture.href}")
            continue
        if path is None:
            notes.append(f"picture outside the imported file's folder, not read: {picture.href}")
            continue
        if not path.is_file():
            notes.append(f"picture file missing: {picture.href} (looked for {path})")
            continue
        with path.open("rb") as source:
            try:
                checked = check(source, path.name)
            except RefusedImage as refusal:
                notes.append(f"picture refused: {' '.join(refusal.messages)}")
                continue
        if dry_run:
            continue
        images.append(_library_image(checked, picture, user, path))
    if images and not story.lead_image_id:
        story.lead_image = images.pop(0)
    for image in images:
        if f'data-image="{image.pk}"' not in story.body and image.pk != story.lead_image_id:
            story.body += f'<figure data-image="{image.pk}"></figure>'
    return notes


def _library_image(checked, picture, user, path):
    title = picture.title or path.stem.replace("-", " ").replace("_", " ")
    return store_once(
        checked, uploaded_by=user, title=title[:200], caption=picture.caption,
        credit=picture.credit[:200], alt_text=picture.alt_text[:300],
    )  # fmt: skip
