"""RSS 2.0 and Atom feed files, read with feedparser.

Each entry is a story: its ``id``/``guid`` (else its link) identifies it, its
``updated`` time versions it, its link is the original's address (canonical
URL), its categories are tags and section candidates, and the feed's
publisher is credited as the source. Atom ``link rel="related"`` gives related
links. feedparser is given the bytes, so it never fetches anything, and the
same entity check as for other XML runs first.
"""

from datetime import UTC, datetime
from urllib.parse import urlsplit

import feedparser

from wire.items import (
    ImportedLink,
    ImportedPicture,
    ImportedSection,
    ImportedStory,
    Importer,
    InvalidSource,
    NothingToPublish,
    parse_each,
)
from wire.text.bylines import read_byline
from wire.text.dates import has_twelve_hour_clock, parse_datetime, parse_rfc822, parse_twelve_hour
from wire.text.markup import html_to_story_html, plain, text_to_html
from wire.text.notices import is_advertising
from wire.text.safe_xml import refuse_entity_declarations, root_name


def _moment(entry, key):
    raw = dict.get(entry, key, "") or ""
    # feedparser reads "03:15:00 PM" as 03:15: a 12-hour time is read here first.
    if has_twelve_hour_clock(raw) and (moment := parse_twelve_hour(raw)):
        return moment
    # dict.get: feedparser's own get() maps a missing "updated" to "published" with a DeprecationWarning.
    parsed = dict.get(entry, f"{key}_parsed")
    if parsed:
        return datetime(*parsed[:6], tzinfo=UTC)
    # feedparser reads English dates only; publishers in other languages localise pubDate.
    return parse_rfc822(dict.get(entry, key, "")) or parse_datetime(dict.get(entry, key, ""))


def _html(detail):
    value = detail.get("value", "") if isinstance(detail, dict) else str(detail or "")
    kind = detail.get("type", "text/html") if isinstance(detail, dict) else "text/html"
    return text_to_html(value) if kind == "text/plain" else html_to_story_html(value)


class FeedImporter(Importer):
    name = "feed"
    extensions = (".rss", ".atom", ".rdf")

    def sniff(self, data):
        return root_name(data) in ("rss", "feed", "RDF")

    def parse(self, data, origin):
        refuse_entity_declarations(data)
        parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=False)
        if not parsed.entries:
            reason = parsed.get("bozo_exception")
            raise InvalidSource(f"no feed entries found{f' ({reason})' if reason else ''}")
        feed = parsed.feed
        provider, source = self._publisher(feed, atom=parsed.get("version", "").startswith("atom"))
        return parse_each(
            parsed.entries,
            lambda entry, label: self.parse_entry(entry, origin, label, provider, source),
            noun="entry",
            always_label=True,
        )

    def _publisher(self, feed, *, atom):
        """The feed's identity (its site's host) and the name to credit.

        An Atom feed's author is its publisher; an RSS channel's managingEditor
        is a person's address, so RSS falls back to the channel title's last
        part ("Home | Mail Online").
        """
        host = urlsplit(feed.get("link", "")).hostname or ""
        title = plain(feed.get("title", ""))
        candidates = [
            feed.get("publisher", ""),
            feed.get("author", "") if atom else "",
            title.split(" | ")[-1],
        ]
        name = next((plain(c) for c in candidates if c and "@" not in c), "")
        return (host or title), name

    def parse_entry(self, entry, origin, label, provider, source):
        headline = plain(entry.get("title", ""))
        if not headline:
            raise InvalidSource("the entry has no title")
        content = entry.get("content") or []
        summary = entry.get("summary_detail") or entry.get("summary", "")
        body = _html(content[0]) if content else ""
        dek = ""
        summary_text = summary.get("value", "") if isinstance(summary, dict) else summary
        # feedparser fills the summary with the content itself when a feed sends only content:encoded.
        if body and summary and summary_text != content[0].get("value"):
            dek = plain(summary_text)
        elif summary:
            body = _html(summary)
        categories = [plain(tag.get("label") or tag.get("term") or "") for tag in entry.get("tags", [])]
        if is_advertising(headline, *categories):
            raise NothingToPublish("an advertisement, not a story")
        if not body:
            # Sponsored slots and link-only entries: nothing for a story page, and no failure.
            raise NothingToPublish("the entry has no text to publish (an advertisement or a link-only entry)")
        link = entry.get("link", "")
        guid = entry.get("id") or link
        if not guid:
            raise InvalidSource("the entry has neither an id nor a link")
        updated = _moment(entry, "updated") or _moment(entry, "published")
        categories = [c for c in dict.fromkeys(categories) if c]
        authors, credited = [], []
        written = [{"name": entry.author}] if entry.get("author") else []
        # RSS <author> is "email (Name)"; feedparser splits it wrongly when the address has a
        # long top-level domain ("…@example.example (Jane" + "ple (Jane Doe"), so it is read here.
        listed = written if "@" in dict.get(entry, "author", "") else entry.get("authors", []) or written
        for author in listed:
            credits = read_byline(author.get("name", "") or "")
            authors += credits.people
            credited += credits.organisations
        return ImportedStory(
            headline=headline,
            body_html=body,
            guid=guid,
            version=updated.isoformat() if updated else "",
            format=self.name,
            origin=origin,
            label=label,
            provider=provider,
            dek=dek if dek != plain(body) else "",
            authors=list(dict.fromkeys(authors)),
            sections=[ImportedSection(name=c) for c in categories],
            tags=[c[:100] for c in categories],
            publish_at=_moment(entry, "published") or updated,
            updated_at=updated,
            canonical_url=link if link.startswith(("http://", "https://")) else "",
            sources=list(dict.fromkeys([*([source] if source else []), *credited])),
            pictures=self._pictures(entry),
            related=[
                ImportedLink(title=plain(link.get("title") or link["href"])[:300], url=link["href"])
                for link in entry.get("links", [])
                if link.get("rel") == "related" and link.get("href", "").startswith(("http://", "https://"))
            ],
        )  # fmt: skip

    def _pictures(self, entry):
        """The entry's picture: an image enclosure, else its widest Media RSS ``media:content``
        (several are sizes of one picture), with ``media:credit``."""
        credits = [plain(c.get("content", "")) for c in entry.get("media_credit", []) if c.get("content")]
        enclosures = [
            e.get("href", "").strip()
            for e in entry.get("enclosures", [])
            if e.get("type", "").startswith("image/")
        ]
        media = sorted(
            (m for m in entry.get("media_content", []) if m.get("medium") == "image" or
             m.get("type", "").startswith("image/")),
            key=lambda m: -int(m.get("width") or 0) if str(m.get("width") or "0").isdigit() else 0,
        )  # fmt: skip
        hrefs = [href for href in enclosures + [m.get("url", "").strip() for m in media] if href]
        if not hrefs:
            return []
        caption = plain(entry.get("media_description", "") or "")
        return [ImportedPicture(href=hrefs[0], caption=caption, credit=credits[0] if credits else "")]
