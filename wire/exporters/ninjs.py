"""Stories as IPTC ninjs 3.x objects (camelCase field names, per ninjs-schema_3.1).

What ninjs has no field for travels by documented convention, which
``wire.formats.ninjs`` reads back:
- the section path as ``subjects`` with rel "section", top level first, the
  slug as ``literal``; tags as other ``subjects`` with rel "about";
- credited outlets as ``infoSources`` (name and web address);
- related links as ``associations`` with rel "seeAlso" (a bare title gets a
  ``urn:`` uri, since ninjs requires one);
- the lead image and the body's figures as ``associations`` of type
  "picture" (the lead with rel "featuremedia"), with caption, credit ("by"),
  alt text (a description with role "alt") and the original as rendition.
"""

from urllib.parse import urlsplit

from django.conf import settings

from articles.links import safe_url
from media.models import Image
from media.renditions import WIDTHS, Spec, size_of, url_of

NINJS_STANDARD = {
    "name": "ninjs",
    "version": "3.1",
    "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#",
}
# What partners get of a picture whose original keeps metadata: the largest JPEG, without it.
SHARED_RENDITION = Spec("orig", max(WIDTHS), "jpg")


def _iso(moment):
    return moment.isoformat() if moment else None


def story_uri(story):
    host = urlsplit(settings.NEWSROOM_SITE_URL).hostname or "localhost"
    return f"urn:newsroom:{host}:story:{story.pk}"


def _absolute(url):
    return settings.NEWSROOM_SITE_URL.rstrip("/") + url if url.startswith("/") else url


def story_to_ninjs(story):
    """One story as a ninjs 3.x dict. Expects the relations prefetched (see ``StoryQuerySet``)."""
    section_path = [story.section.parent, story.section] if story.section.parent_id else [story.section]
    subjects = [{"name": s.name, "rel": "section", "literal": s.slug} for s in section_path]
    subjects += [{"name": tag.name, "rel": "about", "literal": tag.slug} for tag in story.tags.all()]
    item = {
        "standard": NINJS_STANDARD,
        "uri": story_uri(story),
        "type": "text",
        "version": str(story.lock_version or 1),
        "versionCreated": _iso(story.updated_at or story.modified_at),
        "firstCreated": _iso(story.publish_at or story.created_at),
        "embargoedUntil": _iso(story.embargo_until),
        "pubStatus": "usable",
        "language": settings.LANGUAGE_CODE.split("-")[0],
        "headlines": [{"role": "main", "value": story.headline}],
        "descriptions": [{"role": "summary", "contentType": "text/plain", "value": story.dek}]
        if story.dek
        else [],
        "by": " and ".join(author.name for author in story.ordered_authors()),
        "bodies": [{"role": "main", "contentType": "text/html", "value": story.body}],
        "subjects": subjects,
        "genres": [{"literal": story.story_type, "name": story.get_story_type_display()}],
        "infoSources": [
            {"name": source.outlet.name, **({"uri": uri} if (uri := safe_url(source.outlet.url)) else {})}
            for source in story.sources.all()
        ],
        "associations": [
            *(_picture(story, image) for image in Image.objects.shown_by(story)),
            *(_association(story, link) for link in story.related_links.all()),
        ],
        "altIds": [{"role": "url", "value": _absolute(story.get_absolute_url())}],
    }
    return {key: value for key, value in item.items() if value not in (None, "", [])}


def _association(story, link):
    href = safe_url(link.href)
    url = _absolute(href) if href else f"{story_uri(story)}:related:{link.position}"
    association = {
        "name": f"related-{link.position + 1}",
        "rel": "seeAlso",
        "uri": url,
        "type": "text",
        "headlines": [{"value": link.display_title}],
    }
    if link.outlet_name:
        association["infoSources"] = [{"name": link.outlet_name}]
    return association


def _picture(story, image):
    lead = image.pk == story.lead_image_id
    caption = story.lead_caption if lead else image.caption
    descriptions = [{"role": "caption", "contentType": "text/plain", "value": caption}] if caption else []
    if image.alt_text:
        descriptions.append({"role": "alt", "contentType": "text/plain", "value": image.alt_text})
    association = {
        "name": "lead-image" if lead else f"picture-{image.pk}",
        "rel": "featuremedia" if lead else "picture",
        "uri": f"{story_uri(story).rsplit(':story:', 1)[0]}:image:{image.pk}",
        "type": "picture",
        "headlines": [{"value": image.title}],
        "descriptions": descriptions,
        "by": image.credit,
        "renditions": [_shared_file(image)],
    }  # fmt: skip
    return {key: value for key, value in association.items() if value not in ("", [])}


def _shared_file(image):
    """The file partners get: the original, unless the desk kept its metadata (camera, GPS) for
    the archive; then the largest rendition, which carries none."""
    if image.metadata_kept:
        width, height = size_of(image, SHARED_RENDITION)
        return {
            "name": "web", "href": _absolute(url_of(image, SHARED_RENDITION)),
            "contentType": SHARED_RENDITION.mime_type, "width": width, "height": height,
        }  # fmt: skip
    return {
        "name": "original", "href": _absolute(image.file.url), "contentType": f"image/{image.format.lower()}",
        "width": image.width, "height": image.height, "sizeInBytes": image.file_size,
    }  # fmt: skip
