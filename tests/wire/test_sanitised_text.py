"""The fast text of a sanitised body (word counts, outlet mentions) matches Django's strip_tags."""

import pytest
from django.utils.html import strip_tags

from articles.sanitise import sanitise_html, sanitised_text
from tests.samples import SAMPLES
from wire.formats import InvalidSource, get_importer

TRICKY = [
    '<p title="a>b">x &amp; y <a href="https://example.org/?a=1&amp;b=2" title="&quot;>">link</a></p>',
    "<p>1 &lt; 2 &gt; 0&nbsp;z</p><script>alert(1)</script><!-- a comment -->",
    "<p>a<br>b</p><h2>Heading</h2><ul><li>one</li><li>two</li></ul>",
    "<<p>>x<</p> <p>a < b > c</p>",
    "<img src=x onerror=alert(1)>ok <a href='x\">y'>q</a>",
    "<div><b>bold</b><i>it</i></div><figure><figcaption>c</figcaption></figure>",
]


def sample_bodies():
    for path in sorted(p for p in SAMPLES.rglob("*") if p.is_file() and p.suffix != ".md"):
        data = path.read_bytes()
        try:
            items = get_importer("auto", str(path), data).parse(data, str(path))
        except InvalidSource:  # refused files have no body to compare
            continue
        yield from (item.body_html for item in items if hasattr(item, "body_html"))


@pytest.mark.parametrize("html", [*TRICKY, *sample_bodies()])
def test_sanitised_text_is_what_strip_tags_gives(html):
    body = sanitise_html(html)
    assert sanitised_text(body) == strip_tags(body)
