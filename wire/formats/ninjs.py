"""IPTC ninjs (News in JSON), versions 1.x, 2.x and 3.x.

Field names follow the IPTC schemas: 1.x has ``headline``, ``byline``,
``body_*``/``description_*`` and singular ``subject``/``person``/``place``...;
2.x has ``headlines``, ``bodies``, ``descriptions``, ``by`` and plural arrays;
3.x spells the same in camelCase (``versionCreated``, ``pubStatus``,
``embargoedUntil``, ``infoSources``). A file holds one object, an array of
objects, or JSON Lines (one object per line, as ``export_stories`` writes).

Sections: ninjs has no section field. Superdesk's 1.x ``service`` names one,
and ``export_stories`` writes the section path as subjects with rel "section"
(top level first, ``literal`` = slug). Other subjects, and people, places and
organisations the item is "about", become tags.
"""

import json

from wire.items import (
    ImportedLink,
    ImportedPicture,
    ImportedSection,
    ImportedStory,
    Importer,
    InvalidSource,
    NothingToPublish,
    not_a_story,
    parse_each,
)
from wire.text.bylines import read_byline
from wire.text.dates import parse_datetime
from wire.text.decoding import decode_text
from wire.text.genres import story_type_for
from wire.text.markup import html_to_story_html, plain, text_to_html
from wire.text.notices import advisory_reason, looks_like_correction

HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xhtml+html", "html", "xhtml")
NITF_TYPES = ("text/vnd.iptc.nitf", "application/nitf+xml", "nitf")
SECTION_REL = "section"
ENTITY_ARRAYS = ("people", "person", "organisations", "organisation", "places", "place", "events", "event",
                 "objects", "object")  # fmt: skip


def get(obj, *names, default=None):
    """The first of ``names`` present in ``obj`` (one name per ninjs generation)."""
    for name in names:
        if obj.get(name) not in (None, "", [], {}):
            return obj[name]
    return default


def _listed_parts(value):
    """A field that a generation of ninjs sends as a list of parts, else nothing."""
    return value if isinstance(value, list) else []


def as_list(value):
    """ninjs 1.x uses objects keyed by name where 2.x/3.x use arrays."""
    if isinstance(value, dict):
        return [
            dict(item, name=item.get("name", key)) for key, item in value.items() if isinstance(item, dict)
        ]
    return [item for item in (value or []) if isinstance(item, dict)]


class NinjsImporter(Importer):
    name = "ninjs"
    extensions = (".json", ".jsonl", ".ninjs")

    def sniff(self, data):
        return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")

    def parse(self, data, origin):
        objects = self._objects(decode_text(data))
        if not objects:
            raise InvalidSource("the file holds no ninjs objects")
        return parse_each(
            objects,
            lambda obj, label: self.parse_object(obj, origin, label),
            name_of=lambda obj: get(obj, "uri", "guid", default="") if isinstance(obj, dict) else "",
        )

    def _objects(self, text):
        text = text.strip()
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            if text.startswith("{") and "\n" in text:
                return self._json_lines(text)
            raise InvalidSource(
                f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
            ) from None
        if isinstance(value, dict) and not get(value, "uri", "guid"):
            value = self._listed(value)
        return value if isinstance(value, list) else [value]

    def _listed(self, envelope):
        """The items of an API page (``{"total": 2, "items": [...]}``) that wraps ninjs objects."""
        for key in ("items", "item", "data", "results", "hits"):
            listed = envelope.get(key)
            if isinstance(listed, list) and any(isinstance(i, dict) and get(i, "uri") for i in listed):
                return listed
        return envelope

    def _json_lines(self, text):
        objects = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                objects.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise InvalidSource(f"not valid JSON Lines: {error.msg} on line {number}") from None
        return objects

    def parse_object(self, obj, origin, label=""):
        if not isinstance(obj, dict):
            raise InvalidSource("not a JSON object")
        guid = get(obj, "uri", "guid")
        if not guid:
            raise InvalidSource("the item has no uri (ninjs requires one)")
        kind = get(obj, "type", default="text")
        if kind not in ("text", "composite"):
            raise not_a_story(kind)
        status = str(get(obj, "pubStatus", "pubstatus", default="usable")).lower()
        headline = self._headline(obj)
        body, dek = self._body(obj), self._dek(obj)
        if not body and dek:
            # A short item whose only text is its description (NTB sends such): that text is the story.
            body, dek = text_to_html(dek), ""
        canceled = status in ("canceled", "cancelled", "withheld")
        notes = [str(get(obj, "ednote", "edNote", "editorialNote", default="")), plain(body)[:300]]
        if reason := advisory_reason(genres=list(self._genres(obj)), notes=notes):
            raise NothingToPublish(reason)
        corrects = self._corrects(obj)
        correction = not canceled and (
            bool(corrects) or (not headline and looks_like_correction(plain(body)))
        )
        if not canceled:
            if not headline and not correction:
                raise InvalidSource("the item has no headline")
            if not body:
                if self._pictures(obj):
                    raise NothingToPublish("a picture-only item, no text to publish")
                raise InvalidSource("the item has no body text")
        provider = plain(str(get(obj, "copyrightHolder", "copyrightholder", "source", default="")))
        subjects = as_list(get(obj, "subjects", "subject"))
        sections = self._sections(obj, subjects)
        credits = self._credits(obj)
        return ImportedStory(
            headline=headline,
            body_html=body,
            guid=str(guid),
            version=str(get(obj, "version", default="")),
            format=self.name,
            origin=origin,
            label=label,
            provider=provider,
            dek=dek,
            authors=credits.people,
            sections=sections,
            tags=self._tags(obj, subjects),
            story_type=story_type_for(*self._genres(obj)),
            publish_at=parse_datetime(get(obj, "firstpublished", "firstCreated", "firstcreated",
                                          "versionCreated", "versioncreated")),
            updated_at=parse_datetime(get(obj, "versionCreated", "versioncreated")),
            embargo_until=parse_datetime(get(obj, "embargoedUntil", "embargoed")),
            canceled=canceled,
            withheld=status == "withheld",
            correction=correction,
            corrects=corrects,
            sources=list(dict.fromkeys([*self._sources(obj, provider), *credits.organisations])),
            related=self._related(obj),
            pictures=self._pictures(obj),
        )  # fmt: skip

    def _headline(self, obj):
        # Drafts of 2.0 sent "headline": [{"name": "main", "text": ...}] before "headlines" was settled.
        headlines = as_list(obj.get("headlines")) or as_list(_listed_parts(obj.get("headline")))
        main = [h for h in headlines if h.get("role", h.get("name")) in (None, "", "main")] or headlines
        if main:
            return plain(str(main[0].get("value", main[0].get("text", ""))))
        return plain(str(get(obj, "headline", "title", default="")))

    def _dek(self, obj):
        descriptions = as_list(obj.get("descriptions"))
        if descriptions:
            preferred = [d for d in descriptions if d.get("role") in ("lead", "summary", "abstract", "main")]
            return plain(str((preferred or descriptions)[0].get("value", "")))
        return plain(str(get(obj, "description_text", "description_html", "description_xhtml", default="")))

    def _body(self, obj):
        bodies = [
            dict(body, role=body.get("role", body.get("name")))
            for body in as_list(obj.get("bodies")) or as_list(_listed_parts(obj.get("body")))
        ]
        for body in bodies:
            kind = str(get(body, "contentType", "contenttype", default="")).lower()
            is_html = kind in HTML_TYPES or (not kind and body.get("role") in HTML_TYPES)
            if is_html and (html := html_to_story_html(str(body.get("value", "")))):
                return html
        for body in bodies:
            if str(get(body, "contentType", "contenttype", default="")).lower() in NITF_TYPES:
                from .nitf import nitf_document_to_html

                if html := nitf_document_to_html(str(body.get("value", "")).encode()):
                    return html
        for body in bodies:
            if html := text_to_html(str(body.get("value", ""))):
                return html
        for key in ("body_html", "body_xhtml"):
            if html := html_to_story_html(str(obj.get(key) or "")):
                return html
        other = [key for key in obj if key.startswith("body_") and key not in ("body_html", "body_xhtml")]
        for key in ["body_text", *other]:
            if isinstance(obj.get(key), str) and (html := text_to_html(obj[key])):
                return html
        return ""

    def _credits(self, obj):
        """Who the item credits: people (authors) and organisations (sources)."""
        listed = as_list(obj.get("authors"))  # Superdesk's extension, with roles
        writers = [a.get("name", "") for a in listed if a.get("role") in (None, "", "author", "writer")]
        if writers:
            # Each is one name, but some senders keep "By" or name their agency there.
            return read_byline("; ".join(name for name in writers if name))
        return read_byline(str(get(obj, "by", "byline", default="")))

    def _sections(self, obj, subjects):
        path = [s for s in subjects if s.get("rel") == SECTION_REL and s.get("name")]
        if path:
            parent = None
            for subject in path:
                parent = ImportedSection(name=subject["name"], slug=subject.get("literal", ""), parent=parent)
            return [parent]
        services = as_list(get(obj, "services", "service"))
        return [ImportedSection(name=s["name"]) for s in services if s.get("name")]

    def _tags(self, obj, subjects):
        tags = [s["name"] for s in subjects if s.get("name") and s.get("rel") != SECTION_REL]
        for key in ENTITY_ARRAYS:
            tags += [e["name"] for e in as_list(obj.get(key)) if e.get("name") and e.get("rel") == "about"]
        return list(dict.fromkeys(" ".join(tag.split())[:100] for tag in tags))

    def _corrects(self, obj):
        """The uri of the item this one corrects: an association with rel "corrects"/"correctionOf"."""
        for association in as_list(obj.get("associations")):
            if "correct" in str(association.get("rel", "")).lower() and association.get("uri"):
                return str(association["uri"])
        return ""

    def _pictures(self, obj):
        kinds = ("picture", "graphic", "video")
        return [a for a in as_list(obj.get("associations")) if a.get("type") in kinds]

    def _genres(self, obj):
        for genre in as_list(get(obj, "genres", "genre")):
            yield from (genre.get("literal"), genre.get("code"), genre.get("name"), genre.get("uri"))

    def _sources(self, obj, provider):
        names = [s.get("name", "") for s in as_list(get(obj, "infoSources", "infosources", "infosource"))]
        # Superdesk's 1.x "source" names the agency the story came from (Reuters via AAP).
        origin = obj.get("source") if isinstance(obj.get("source"), str) else ""
        return list(dict.fromkeys(name for name in [provider, *names, plain(origin or "")] if name))

    def _related(self, obj):
        links = []
        for association in as_list(obj.get("associations")):
            if (
                association.get("type") not in ("text", "composite", None)
                or association.get("rel") == "featuremedia"
            ):
                continue
            uri = str(association.get("uri", ""))
            url = uri if uri.startswith(("http://", "https://")) else ""
            title = self._headline(association) or plain(str(association.get("title") or "")) or url
            outlet = [s.get("name", "") for s in as_list(get(association, "infoSources", "infosources"))]
            links.append(ImportedLink(
                title=plain(title)[:300],
                url=url,
                outlet=outlet[0] if outlet else "",
            ))  # fmt: skip
        return [link for link in links if link.title]

    def _pictures(self, obj):
        """Pictures in ``associations`` (type picture or image): caption, credit ("by"), alt text."""
        pictures = []
        for association in as_list(obj.get("associations")):
            if association.get("type") not in ("picture", "image", "graphic"):
                continue
            renditions = as_list(association.get("renditions"))
            hrefs = [str(r.get("href", "")) for r in renditions if r.get("href")]
            # A file beside this one (no scheme) is preferred: it is the one that can be imported.
            href = next((h for h in hrefs if "://" not in h and ":" not in h[:6]), hrefs[0] if hrefs else "")
            href = href or str(association.get("uri", ""))
            if not href:
                continue
            descriptions = as_list(get(association, "descriptions", "description"))
            is_alt = [("alt" in str(d.get("role", "")).lower(), d.get("value", "")) for d in descriptions]
            alt = [value for alt_role, value in is_alt if alt_role]
            caption = [value for alt_role, value in is_alt if not alt_role]
            legacy = association.get("description_text") or association.get("body_text") or ""
            pictures.append(ImportedPicture(
                href=href,
                caption=plain(caption[0] if caption else str(legacy)),
                credit=plain(str(get(association, "by", "creditline", "copyrightHolder", default=""))),
                alt_text=plain(alt[0] if alt else str(association.get("altText") or "")),
                title=plain(self._headline(association) or ""),
            ))  # fmt: skip
        return pictures
