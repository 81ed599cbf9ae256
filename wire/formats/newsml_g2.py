"""IPTC NewsML-G2 news items: a bare ``newsItem`` or a ``newsMessage`` of several.

Per item: ``@guid`` and ``@version`` identify it; ``itemMeta`` gives the
provider, ``pubStatus`` (stat:canceled / stat:withheld withdraw the story),
``versionCreated``, ``firstCreated``, ``embargoed``, ``service`` and
``memberOf`` (section candidates) and ``link rel="irel:seeAlso"`` (related
links); ``contentMeta`` gives headlines (a ``hld:subHeadline`` is the dek),
``description``, ``creator``/``by``, ``creditline``, ``subject`` and
``genre``; ``contentSet`` gives the body as ``inlineXML`` (XHTML or NITF) or
``inlineData`` (text or HTML), and its pictures as image ``remoteContent``.
Items that are not text (pictures, packages) are reported and skipped; a
picture item in the same message that a text item links to (``link
residref`` naming its guid) becomes that story's picture, with the picture
item's headline, caption (``description``), credit and alt text.
"""

from urllib.parse import urlsplit

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
from wire.text.bylines import read_byline, split_byline
from wire.text.dates import parse_datetime
from wire.text.genres import story_type_for
from wire.text.markup import (
    element_to_html,
    html_to_story_html,
    leading_byline,
    nitf_body_to_html,
    plain,
    text_to_html,
    without_repeated_headline,
)
from wire.text.notices import advisory_reason, looks_like_correction
from wire.text.safe_xml import child, children, descendant, localname, parse_xml, root_name, text_of

SEE_ALSO = ("irel:seeAlso", "http://cv.iptc.org/newscodes/itemrelation/seeAlso")
DEK_HEADLINE_ROLES = ("hld:subHeadline", "hld:subheadline", "hld:sub")
DEK_DESCRIPTION_ROLES = (
    "drol:summary",
    "descRole:summary",
    "drol:abstract",
    "descRole:abstract",
    "drol:lead",
)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def concept_name(element, language=""):
    """The ``name`` of a concept, in the item's language when there is a choice."""
    names = children(element, "name")
    for name in names:
        if language and (name.get(XML_LANG) or "").split("-")[0] == language.split("-")[0]:
            return text_of(name)
    return text_of(names[0]) if names else ""


def qcode_code(qcode):
    return (qcode or "").split(":", 1)[-1]


class NewsMLG2Importer(Importer):
    name = "newsml"
    extensions = (".newsml", ".g2")

    def sniff(self, data):
        return root_name(data) in ("newsItem", "newsMessage", "planningItem")

    def parse(self, data, origin):
        root = parse_xml(data)
        kind = localname(root)
        if kind in ("newsItem", "planningItem"):
            news_items = [root]
        elif kind == "newsMessage":
            item_set = child(root, "itemSet")
            news_items = [el for el in (item_set if item_set is not None else []) if isinstance(el.tag, str)]
        else:
            raise InvalidSource(f"not a NewsML-G2 document (its root element is <{kind}>)")
        if not news_items:
            raise InvalidSource("the NewsML-G2 message holds no items")
        # A packageItem beside the newsItems only lists them; the stories are the newsItems.
        news_items = [el for el in news_items if localname(el) == "newsItem"] or news_items
        linked = self._picture_items(news_items)
        return parse_each(
            news_items,
            lambda item, label: self.parse_item(item, origin, label, linked=linked),
            name_of=lambda e: e.get("guid", ""),
        )

    def parse_item(self, item, origin, label="", *, linked=None):
        if localname(item) == "planningItem":
            raise NothingToPublish("a planning item (coverage plans for editors), not a story")
        if localname(item) != "newsItem":
            raise InvalidSource(f"a {localname(item)}, not a news item")
        guid = item.get("guid", "")
        if not guid:
            raise InvalidSource("the news item has no guid")
        meta = child(item, "itemMeta")
        content_meta = child(item, "contentMeta")
        if meta is None:
            raise InvalidSource("the news item has no itemMeta")
        item_class = self._qcode(meta, "itemClass", "ninat:text")
        if item_class not in ("text", "composite"):
            raise not_a_story(item_class)
        language = item.get(XML_LANG, "")
        status = self._qcode(meta, "pubStatus", "stat:usable").lower()
        canceled = status in ("canceled", "cancelled", "withheld")
        headline, dek = self._headlines(content_meta)
        content_set = child(item, "contentSet")
        # Some senders leave contentMeta bare and title only the inline NITF or XHTML document.
        headline = headline or self._inline_title(content_set)
        body = without_repeated_headline(self._body(content_set), headline)
        byline, body = leading_byline(body)
        notes = [text_of(note) for note in children(meta, "edNote")]
        if content_meta is not None:
            notes += [text_of(note) for note in children(content_meta, "edNote")]
        genres = list(self._genres(content_meta))
        if reason := advisory_reason(genres=genres, notes=[*notes, plain(body)[:300]]):
            raise NothingToPublish(reason)
        signals = {qcode_code(signal.get("qcode", "")).lower() for signal in children(meta, "signal")}
        corrects = self._corrects(meta)
        correction = not canceled and (
            "correction" in signals or bool(corrects) or (not headline and looks_like_correction(plain(body)))
        )
        if not canceled:
            if not headline and not correction:
                raise InvalidSource("the news item has no headline")
            if not body:
                raise InvalidSource(
                    "the news item has no body text (contentSet holds no inlineXML or inlineData)"
                )
        named = self._party(child(meta, "provider"), by_uri=False)
        provider = named or self._party(child(meta, "provider"))
        # A provider known only by its web address is credited by its copyright holder's name.
        holder = descendant(child(item, "rightsInfo"), "copyrightHolder")
        credited = named or self._party(holder, by_uri=False) or provider
        version_created = parse_datetime(text_of(child(meta, "versionCreated")))
        return ImportedStory(
            headline=headline,
            body_html=body,
            guid=guid,
            version=item.get("version", ""),
            format=self.name,
            origin=origin,
            label=label,
            provider=provider,
            dek=dek,
            authors=self._authors(content_meta, not_people=(provider, credited)) or byline,
            credit_line=text_of(child(content_meta, "creditline"))[:200] if content_meta is not None else "",
            sections=self._sections(meta),
            tags=self._tags(content_meta, language),
            story_type=story_type_for(*self._genres(content_meta)),
            publish_at=parse_datetime(text_of(child(meta, "firstCreated"))) or version_created,
            updated_at=version_created,
            embargo_until=parse_datetime(text_of(child(meta, "embargoed"))),
            canceled=canceled,
            withheld=status == "withheld",
            correction=correction,
            corrects=corrects,
            sources=self._sources(content_meta, credited) + self._credited_organisations(content_meta),
            related=self._related(meta),
            pictures=self._pictures(content_set, content_meta) + self._linked_pictures(meta, linked or {}),
        )  # fmt: skip

    def _qcode(self, meta, name, default):
        element = child(meta, name)
        return qcode_code(element.get("qcode", default) if element is not None else default)

    def _party(self, element, *, by_uri=True):
        if element is None:
            return ""
        return (
            concept_name(element)
            or element.get("literal", "")
            or qcode_code(element.get("qcode", ""))
            or (urlsplit(element.get("uri", "")).hostname or "" if by_uri else "")
        )

    def _headlines(self, content_meta):
        if content_meta is None:
            return "", ""
        headlines = children(content_meta, "headline")
        main = [h for h in headlines if h.get("role") not in DEK_HEADLINE_ROLES]
        sub = [h for h in headlines if h.get("role") in DEK_HEADLINE_ROLES]
        summaries = [
            d for d in children(content_meta, "description") if d.get("role") in DEK_DESCRIPTION_ROLES
        ]
        dek = plain(element_to_html(summaries[0])) if summaries else text_of(sub[0]) if sub else ""
        return (text_of(main[0]) if main else ""), dek

    def _body(self, content_set):
        if content_set is None:
            return ""
        for inline in children(content_set, "inlineXML"):
            root = next((el for el in inline if isinstance(el.tag, str)), None)
            if root is None:
                continue
            if localname(root) == "nitf":
                content = descendant(root, "body.content")
                html = nitf_body_to_html(content) if content is not None else ""
            elif localname(root) == "html":
                body = child(root, "body")
                html = element_to_html(body) if body is not None else ""
            else:
                html = element_to_html(inline)
            if html:
                return html
        for inline in children(content_set, "inlineData"):
            kind = (inline.get("contenttype") or "text/plain").lower()
            text = inline.text or ""
            html = html_to_story_html(text) if "html" in kind else text_to_html(text)
            if html:
                return html
        return ""

    def _authors(self, content_meta, not_people=()):
        if content_meta is None:
            return []
        by = text_of(child(content_meta, "by"))
        if by:
            return split_byline(by)
        names = []
        for creator in children(content_meta, "creator"):
            names += split_byline(self._party(creator))
        # A creator that is the agency itself ("Reuters") is a source, not an author.
        agencies = {self._party(s).lower() for s in children(content_meta, "infoSource")}
        agencies |= {name.lower() for name in not_people if name}
        agencies.add(text_of(child(content_meta, "creditline")).lower())
        return [name for name in dict.fromkeys(names) if name.lower() not in agencies]

    def _inline_title(self, content_set):
        for inline in children(content_set, "inlineXML") if content_set is not None else []:
            for name in ("hl1", "title", "h1"):
                if title := text_of(descendant(inline, name)):
                    return title
        return ""

    def _sections(self, meta):
        sections = []
        for element in children(meta, "service") + children(meta, "memberOf"):
            for name in (element.get("literal", ""), concept_name(element)):
                if name and ImportedSection(name=name) not in sections:
                    sections.append(ImportedSection(name=name))
        return sections

    def _tags(self, content_meta, language):
        if content_meta is None:
            return []
        tags = [concept_name(s, language) for s in children(content_meta, "subject")]
        tags += [text_of(k) for k in children(content_meta, "keyword")]
        return list(dict.fromkeys(" ".join(tag.split())[:100] for tag in tags if tag.strip()))

    def _genres(self, content_meta):
        for genre in children(content_meta, "genre") if content_meta is not None else []:
            yield genre.get("qcode", "")
            yield concept_name(genre)

    def _credited_organisations(self, content_meta):
        """Organisations the ``by`` line names ("By The Kelsby Gazette"): sources, not authors."""
        by = text_of(child(content_meta, "by")) if content_meta is not None else ""
        return read_byline(by).organisations

    def _sources(self, content_meta, provider):
        names = [provider]
        if content_meta is not None:
            names += [self._party(s) for s in children(content_meta, "infoSource")]
        return list(dict.fromkeys(name for name in names if name))

    def _corrects(self, meta):
        """The guid of the item this one corrects: a link whose rel names a correction."""
        for link in children(meta, "link"):
            if "correct" in (link.get("rel") or "").lower():
                return link.get("residref") or link.get("href", "")
        return ""

    def _related(self, meta):
        links = []
        for link in children(meta, "link"):
            href = link.get("href", "")
            if link.get("rel") in SEE_ALSO and href.startswith(("http://", "https://")):
                # The title is an attribute in early G2 versions, a child element in later ones.
                title = link.get("title") or text_of(child(link, "title")) or href
                links.append(ImportedLink(title=title[:300], url=href))
        return links

    def _pictures(self, content_set, content_meta):
        """``remoteContent`` of an image type: the picture's file, credited by the item's creditline."""
        if content_set is None:
            return []
        credit = text_of(child(content_meta, "creditline")) if content_meta is not None else ""
        return [
            ImportedPicture(href=remote.get("href", "").strip(), credit=credit)
            for remote in children(content_set, "remoteContent")
            if remote.get("contenttype", "").startswith("image/") and remote.get("href", "").strip()
        ]

    def _picture_items(self, news_items):
        """{guid: ImportedPicture} of the message's picture items, for the text items linking to them."""
        found = {}
        for item in news_items:
            meta, content_meta = child(item, "itemMeta"), child(item, "contentMeta")
            if meta is None or self._qcode(meta, "itemClass", "") not in ("picture", "graphic"):
                continue
            files = self._pictures(child(item, "contentSet"), None)
            if not files or not item.get("guid"):
                continue
            # Several renditions of one picture: a file beside the message rather than an address.
            href = next((f.href for f in files if "://" not in f.href), files[0].href)
            found[item.get("guid")] = ImportedPicture(
                href=href,
                title=text_of(child(content_meta, "headline")) if content_meta is not None else "",
                caption=self._described(content_meta, ("drol:caption", "descRole:caption", "")),
                credit=(text_of(child(content_meta, "creditline")) if content_meta is not None else "")
                or ", ".join(self._authors(content_meta)),
                alt_text=self._described(content_meta, ("drol:alternativeText", "drol:alt", "descRole:alt")),
            )
        return found

    def _linked_pictures(self, meta, linked):
        refs = [link.get("residref", "") for link in children(meta, "link")]
        return [linked[ref] for ref in dict.fromkeys(refs) if ref in linked]

    def _described(self, content_meta, roles):
        if content_meta is None:
            return ""
        for role in roles:
            for description in children(content_meta, "description"):
                if (description.get("role") or "") == role:
                    return plain(text_of(description))
        return ""
