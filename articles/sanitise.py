"""The one place where story HTML is cleaned.

Story bodies are stored as a small HTML subset, the interchange form that every
importer and the admin editor produce: paragraphs, two levels of subheading,
quotes, lists, links, emphasis and figures with captions. Everything else is
reduced to its text. A picture is never an ``<img>`` here: it is a figure that
names a library image, ``<figure data-image="12"><figcaption>…</figcaption></figure>``,
which the reader site renders with its renditions; any other ``<img>`` is dropped.
Close relatives of allowed tags (``b``, ``h4``, ``div``) are renamed first, so
their meaning survives rather than being flattened.
"""

import re

import lxml.html
import nh3

ALLOWED_TAGS = {
    "p", "h2", "h3", "blockquote", "ul", "ol", "li", "a", "strong", "em",
    "figure", "figcaption", "br",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "figure": {"data-image"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

RENAMES = {
    "b": "strong",
    "i": "em",
    "h1": "h2",
    "h4": "h3",
    "h5": "h3",
    "h6": "h3",
    "div": "p",
    "section": "p",
    "article": "p",
    "q": "em",
    "cite": "em",
    "dl": "ul",
    "dt": "li",
    "dd": "li",
}
BLOCKS = {"p", "h2", "h3", "blockquote", "ul", "ol", "figure"}
# Removed with their content, not just unwrapped.
DROPPED_WITH_CONTENT = {"script", "style", "template", "iframe", "object", "embed", "svg", "math",
                        "noscript", "head", "title"}  # fmt: skip


def _split_flat_lists(wrapper):
    """Quill 2 writes every list as ``<ol>`` whose items say ``data-list="bullet"``
    or ``"ordered"``; turn each run of items into the ``<ul>`` or ``<ol>`` it means."""
    for flat in list(wrapper.iter("ol")):
        items = [child for child in flat if child.tag == "li"]
        if not any(item.get("data-list") for item in items):
            continue
        runs = []
        for item in items:
            kind = "ol" if item.get("data-list", "ordered") == "ordered" else "ul"
            if not runs or runs[-1].tag != kind:
                runs.append(lxml.html.Element(kind))
            runs[-1].append(item)
        parent, index = flat.getparent(), flat.getparent().index(flat)
        parent.remove(flat)
        for offset, run in enumerate(runs):
            parent.insert(index + offset, run)
        runs[-1].tail = flat.tail


def _drop_empty_paragraphs(wrapper):
    """Editors leave ``<p><br></p>`` for every blank line typed; readers need none."""
    for para in list(wrapper.iter("p")):
        if not para.text_content().strip() and all(child.tag == "br" for child in para):
            para.drop_tree()


def _keep_library_figures(wrapper):
    """A figure keeps ``data-image`` only when it is a library image's id, and holds only
    its caption: the editor's preview ``<img>`` and anything else inside are dropped."""
    for figure in list(wrapper.iter("figure")):
        image_id = (figure.get("data-image") or "").strip()
        for name in list(figure.attrib):
            del figure.attrib[name]
        if not image_id.isdigit():
            continue
        figure.set("data-image", str(int(image_id)))
        caption = next((child for child in figure if child.tag == "figcaption"), None)
        for child in list(figure):
            if child is not caption:
                figure.remove(child)
        figure.text = None
        if caption is not None:
            for nested in list(caption.iter("figure", "img")):
                if nested is not caption:
                    nested.drop_tree()


def _normalise(html):
    """Rename near-synonyms of allowed tags; nh3 does the actual cleaning."""
    wrapper = lxml.html.fragment_fromstring(html, create_parent="div")
    _split_flat_lists(wrapper)
    _drop_empty_paragraphs(wrapper)
    _keep_library_figures(wrapper)
    for element in wrapper.iterdescendants():
        if isinstance(element.tag, str) and element.tag.lower() in RENAMES:
            element.tag = RENAMES[element.tag.lower()]
    # A block nested in a <p> (from a renamed <div>) is invalid: unwrap the outer <p>.
    for element in list(wrapper.iterdescendants("p")):
        if any(child.tag in BLOCKS for child in element.iterdescendants()):
            element.drop_tag()
    inner = lxml.html.tostring(wrapper, encoding="unicode")
    return inner[len("<div>") : -len("</div>")]


class SanitisedHtml(str):
    """HTML as ``sanitise_html()`` returned it, which passing through it again leaves as is.

    Why: an importer sanitises a body when it reads the file, and the story's
    save sanitises it again (``Story.fill_derived_fields``); for a bulk import
    the second pass was pure cost. The mark is the type itself, so it holds only
    while the text is untouched: any change (``+``, a slice, ``replace``, a value
    read back from the database) gives a plain ``str``, which is sanitised again.
    """

    __slots__ = ()


def sanitise_html(html):
    """Return ``html`` reduced to the story subset; safe to render unescaped."""
    if isinstance(html, SanitisedHtml):
        return html
    if not html or not html.strip():
        return SanitisedHtml("")
    cleaned = nh3.clean(
        _normalise(html),
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return SanitisedHtml(cleaned.strip())


# A tag as sanitise_html() writes it: attribute values always double-quoted,
# with any quote inside escaped; comments are gone and text has no bare "<".
_SANITISED_TAG = re.compile(r'<[a-zA-Z/](?:[^>"]|"[^"]*")*>')


def sanitised_text(html):
    """The text of sanitise_html()'s output, tags removed and entities left as they are.

    What django.utils.html.strip_tags() gives for the same input, many times
    faster; only for HTML that sanitise_html() produced (tests/test_sanitised_text.py).
    """
    return _SANITISED_TAG.sub("", html)


_FIGURE = re.compile(r'<figure data-image="(\d+)">')


def figure_ids(html):
    """The library image ids of the figures in sanitised ``html``, in order."""
    return [int(found) for found in _FIGURE.findall(html or "")]
