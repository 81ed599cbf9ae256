"""Hostile text, and checks that a page, a feed or a JSON document kept it as text.

Each payload tries to become live markup in a different way. ``hostile_newsroom()``
writes each one into every editable text field of the content model (and, for
URL fields, bypasses form validation as an import or an old row could);
``assert_no_live_markup()`` reads an HTML document the way a browser would and
fails on anything a payload could have created.
"""

import json
import re
from datetime import timedelta

import reversion
from django.utils import timezone
from lxml import etree
from lxml import html as lxml_html

from articles.models import Author, Byline, Correction, Outlet, RelatedLink, Section, SourceAttribution

PAYLOADS = [
    '<script>alert("zx1")</script>',
    '<img src=x onerror=alert("zx2")>',
    '"><svg onload=alert("zx3")>',
    "' onmouseover='alert(\"zx4\")' x='",
    "javascript:alert('zx5')",
    "data:text/html,<script>alert('zx6')</script>",
    '</script><script>alert("zx7")</script><!--',
    "{{ 7*7 }} {% debug %} zx8",
    "&lt;script&gt;alert('zx9')&lt;/script&gt; &#60;b&#62;zx9&#60;/b&#62;",
    "zx10 \u202egnp.exe\u202c zero\u200bwidth\u200d\ufeff joiner",
]
# Elements a payload tries to create, each marked "zx" in its text or attributes.
CREATED_ELEMENTS = {"svg", "b", "img"}  # and <script>, checked below
MARKER = "zx"
LINK_ATTRIBUTES = ("href", "src", "action", "formaction", "srcset", "data", "xlink:href")
# What Django's {% debug %} would print, had a template evaluated data.
DEBUG_OUTPUT = re.compile(r"sql_queries|\{'csrf_token'|<django\.")
JSON_SCRIPT_TYPES = {"application/ld+json", "application/json"}
_IGNORED_IN_SCHEMES = re.compile(r"[\x00-\x20\x7f]")


def hostile_newsroom(make_story, editor):
    """One public story per payload, with the payload in every text field around it.

    Returns [(payload, story)]. Each story has its own section, author, tag and
    outlet (named by the payload), two kept versions and a correction.
    """
    newsroom = []
    for number, payload in enumerate(PAYLOADS):
        section = Section.objects.create(
            name=payload, slug=f"hostile-{number}", order=10 + number, description=payload
        )
        outlet = Outlet.objects.create(name=f"{payload} {number}", url=payload, aliases=payload)
        story = make_story(
            payload,
            section=section,
            dek=payload,
            body=f'<p>{payload}</p><p><a href="{payload}">{payload}</a></p>',
            seo_title=payload,
            seo_description=payload,
            credit_line=payload,
            canonical_url=payload,
            tags=[payload],
            created_by=editor,
            hours_ago=number + 1,
        )
        author = Author.objects.create(name=payload, slug=f"hostile-author-{number}", bio=payload)
        Byline.objects.create(story=story, author=author)
        SourceAttribution.objects.create(story=story, outlet=outlet, url=payload)
        RelatedLink.objects.create(story=story, title=payload, url=payload, outlet_name=payload, position=0)
        noted = timezone.now() - timedelta(minutes=5)
        Correction.objects.create(story=story, note=payload, published_at=noted)
        for comment in ("First version", payload):
            with reversion.create_revision():
                reversion.set_user(editor)
                reversion.set_comment(comment)
                story.seo_title = f"{payload} ({comment[:5]})"
                story.save()
        newsroom.append((payload, story))
    return newsroom


def fetch_ok(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content


def same_text(text):
    """Text as a reader sees it: runs of whitespace are one space."""
    return " ".join(text.split())


def unsafe_scheme(url):
    """Whether a browser would run or render ``url`` as something other than a web link."""
    seen = _IGNORED_IN_SCHEMES.sub("", url or "").lower()
    return seen.startswith(("javascript:", "data:", "vbscript:"))


def assert_no_live_markup(document, where, *, fragment=False):
    """Fail if a payload became an element, an attribute, a script or a link in ``document``."""
    if fragment:
        tree = lxml_html.fragment_fromstring(document or "", create_parent="div")
    else:
        # Our pages are UTF-8; the admin's do not all say so in a <meta> that lxml reads.
        tree = lxml_html.fromstring(document.decode() if isinstance(document, bytes) else document)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        own_text = " ".join([element.text or "", *element.attrib.values()])
        assert not (tag in CREATED_ELEMENTS and MARKER in own_text), f"{where}: a payload created <{tag}>"
        assert not (tag == "img" and element.get("src") == "x"), f"{where}: a payload created <img src=x>"
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), f"{where}: <{tag} {name}={value!r}>"
            if name.lower() in LINK_ATTRIBUTES:
                assert not unsafe_scheme(value), f"{where}: <{tag} {name}={value!r}>"
        if tag == "script":
            _assert_inert_script(element, where)
    text = tree.text_content()
    assert not DEBUG_OUTPUT.search(text), f"{where}: a template evaluated {{% debug %}}"
    return tree


def _assert_inert_script(element, where):
    code = element.text or ""
    if element.get("src") is not None:
        assert not code.strip(), f"{where}: a script with src also carries code"
        return
    if element.get("type") in JSON_SCRIPT_TYPES:
        # A payload that closed the element early would leave JSON that does not parse.
        json.loads(code)
        return
    assert MARKER not in code and "alert" not in code, f"{where}: script from data: {code[:80]!r}"


def assert_xml_keeps_text(xml_bytes, where, *, html_elements):
    """Parse a feed or sitemap as XML; each element named in ``html_elements`` holds HTML
    that a reader will render, so it is checked as a document of its own."""
    root = etree.fromstring(xml_bytes, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    checked = 0
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).localname in html_elements or (
            etree.QName(element).localname in {"summary", "content", "subtitle", "title", "rights"}
            and element.get("type") in ("html", "xhtml")
        ):
            assert_no_live_markup(element.text or "", f"{where} <{element.tag}>", fragment=True)
            checked += 1
        for name in ("href", "url"):
            assert not unsafe_scheme(element.get(name)), f"{where}: {name}={element.get(name)!r}"
        if etree.QName(element).localname in ("link", "loc", "url"):
            assert not unsafe_scheme(element.text), f"{where}: <{element.tag}>{element.text}"
    return checked


def json_urls(value):
    """Every string under a key naming an address (url, uri, @id, isBasedOn...), anywhere in ``value``."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str) and key.lower() in {"url", "uri", "@id", "isbasedon", "href", "sameas"}:
                yield item
            else:
                yield from json_urls(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_urls(item)
