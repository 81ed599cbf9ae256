"""IPTC NITF 3.x (News Industry Text Format).

The head's ``docdata`` gives the identity (``doc-id``), status
(``management-status``), dates (``date.issue``, ``date.release``) and keywords;
``tobject.subject`` gives subjects; ``pubdata`` may name the section
(``position.section``). The body's ``body.head`` has the headline (``hl1``),
byline, distributor and abstract; ``body.content`` the text; ``body.end``
a tagline, used as the credit line.
"""

from pathlib import Path

from wire.items import (
    ImportedPicture,
    ImportedSection,
    ImportedStory,
    Importer,
    InvalidSource,
    NothingToPublish,
)
from wire.text.bylines import Credits, read_byline
from wire.text.dates import parse_datetime
from wire.text.genres import story_type_for
from wire.text.markup import (
    element_to_html,
    leading_byline,
    nitf_body_to_html,
    plain,
    without_repeated_headline,
)
from wire.text.notices import advisory_reason, looks_like_correction
from wire.text.safe_xml import (
    child,
    children,
    descendant,
    descendants,
    localname,
    parse_xml,
    root_name,
    text_of,
)


def nitf_document_to_html(data: bytes):
    """The story HTML of a NITF document's body (for NITF carried inside ninjs or NewsML-G2)."""
    root = parse_xml(data)
    content = descendant(root, "body.content")
    return nitf_body_to_html(content) if content is not None else ""


class NitfImporter(Importer):
    name = "nitf"
    extensions = (".nitf",)

    def sniff(self, data):
        return root_name(data) == "nitf"

    def parse(self, data, origin):
        root = parse_xml(data)
        if localname(root) != "nitf":
            raise InvalidSource(f"not a NITF document (its root element is <{localname(root)}>)")
        return [self.parse_root(root, origin)]

    def parse_root(self, root, origin):
        head, body = child(root, "head"), child(root, "body")
        docdata = child(head, "docdata") if head is not None else None
        body_head = child(body, "body.head") if body is not None else None
        content = child(body, "body.content") if body is not None else None

        status = (docdata.get("management-status", "usable") if docdata is not None else "usable").lower()
        canceled = status in ("canceled", "cancelled", "withheld")
        headline = text_of(descendant(body_head, "hl1")) or text_of(
            child(head, "title") if head is not None else None
        )
        html = without_repeated_headline(nitf_body_to_html(content) if content is not None else "", headline)
        byline, html = leading_byline(html)
        notes = [m.get("info", "") for m in descendants(head, "ed-msg")] if head is not None else []
        notes += [m.get("msg-type", "") for m in descendants(head, "ed-msg")] if head is not None else []
        if reason := advisory_reason(genres=list(self._genres(head)), notes=[*notes, plain(html)[:300]]):
            raise NothingToPublish(reason)
        # NITF's docdata/correction names the document corrected (id-string); a notice without
        # it is recognised by its empty headline and its opening words.
        corrected = descendant(docdata, "correction") if docdata is not None else None
        corrects = corrected.get("id-string", "") if corrected is not None else ""
        correction = not canceled and (
            corrected is not None or (not headline and looks_like_correction(plain(html)))
        )
        if not canceled:
            if not headline and not correction:
                raise InvalidSource("the NITF document has no headline (hedline/hl1)")
            if not html:
                if content is not None and descendants(content, "media"):
                    raise NothingToPublish("a picture-only item, no text to publish")
                raise InvalidSource("the NITF document has no body text (body.content)")

        doc_id = descendant(docdata, "doc-id")
        guid = doc_id.get("id-string", "") if doc_id is not None else ""
        distributor = text_of(descendant(body_head, "distributor"))
        copyright_ = descendant(docdata, "doc.copyright")
        holder = copyright_.get("holder", "") if copyright_ is not None else ""
        provider = (doc_id.get("regsrc", "") if doc_id is not None else "") or distributor or holder
        pubdata = child(head, "pubdata") if head is not None else None
        du_key = descendant(docdata, "du-key")
        credits = self._credits(body_head)
        return ImportedStory(
            headline=headline,
            body_html=html,
            guid=guid or f"file:{Path(origin).resolve()}",
            version=du_key.get("version", "") if du_key is not None else "",
            format=self.name,
            origin=origin,
            provider=provider,
            dek=self._dek(body_head, headline),
            authors=credits.people or byline,
            credit_line=self._tagline(body),
            sections=self._sections(pubdata),
            tags=self._tags(head, docdata),
            story_type=story_type_for(*self._genres(head)),
            publish_at=self._date(pubdata, "date.publication") or self._date(docdata, "date.issue"),
            updated_at=self._date(docdata, "date.issue"),
            embargo_until=self._date(docdata, "date.release"),
            canceled=canceled,
            withheld=status == "withheld",
            correction=correction,
            corrects=corrects,
            sources=list(dict.fromkeys([*([distributor] if distributor else []), *credits.organisations])),
            pictures=self._pictures(content),
        )  # fmt: skip

    def _tagline(self, body):
        end = child(body, "body.end") if body is not None else None
        return text_of(descendant(end, "tagline"))[:200]

    def _date(self, element, name):
        if element is None:
            return None
        if element.get(name):  # pubdata keeps its dates in attributes
            return parse_datetime(element.get(name))
        found = child(element, name)
        return parse_datetime(found.get("norm", "")) if found is not None else None

    def _dek(self, body_head, headline):
        abstract = descendant(body_head, "abstract")
        if abstract is not None:
            return plain(element_to_html(abstract))
        subheadline = text_of(descendant(body_head, "hl2"))
        return subheadline if subheadline and subheadline.lower() != headline.lower() else ""

    def _credits(self, body_head):
        credits = Credits()
        for byline in descendants(body_head, "byline") if body_head is not None else []:
            people = descendants(byline, "person")
            if people:
                # One name each, though some senders keep "By" in it.
                found = [read_byline(text_of(person)) for person in people]
            else:
                text = (byline.text or "") + "".join(
                    (node.tail or "")
                    if localname(node) == "byttl"
                    else "".join(node.itertext()) + (node.tail or "")
                    for node in byline
                )
                found = [read_byline(text)]
            for each in found:
                credits.people += [name for name in each.people if name not in credits.people]
                credits.organisations += [n for n in each.organisations if n not in credits.organisations]
        return credits

    def _sections(self, pubdata):
        section = pubdata.get("position.section", "") if pubdata is not None else ""
        return [ImportedSection(name=section)] if section else []

    def _tags(self, head, docdata):
        tags = [k.get("key", "") for k in descendants(docdata, "keyword")] if docdata is not None else []
        for subject in descendants(head, "tobject.subject") if head is not None else []:
            # The most specific level the subject names: detail, then matter, then type.
            for level in ("detail", "matter", "type"):
                if name := subject.get(f"tobject.subject.{level}"):
                    tags.append(name)
                    break
        return list(dict.fromkeys(" ".join(tag.split())[:100] for tag in tags if tag.strip()))

    def _genres(self, head):
        if head is None:
            return
        for prop in descendants(head, "tobject.property"):
            yield prop.get("tobject.property.type")
        for tobject in children(head, "tobject"):
            yield tobject.get("tobject.type")

    def _pictures(self, content):
        """``<media media-type="image">``: its ``media-reference``, caption and producer (the credit)."""
        pictures = []
        for media in descendants(content, "media") if content is not None else []:
            if media.get("media-type", "image") not in ("image", "photo", "graphic"):
                continue
            reference = child(media, "media-reference")
            href = (reference.get("source") or reference.get("data") or "") if reference is not None else ""
            if href:
                pictures.append(ImportedPicture(
                    href=href.strip(),
                    caption=text_of(child(media, "media-caption")),
                    credit=text_of(child(media, "media-producer")),
                    alt_text=(reference.get("alternate-text") or "").strip(),
                ))  # fmt: skip
        return pictures
