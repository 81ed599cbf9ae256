"""The site's own web fonts: served from this site with their licence, declared
with font-display, and the critical ones preloaded by every page."""

import re
from urllib.parse import urljoin

from lxml import html

from tests.helpers import page

FONT_PRELOADS = "//head/link[@rel='preload'][@as='font']"


def fetched(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_every_page_preloads_the_two_text_fonts(client, make_story):
    story = make_story("Ferry strike ends")
    for path in ["/", story.get_absolute_url(), "/no-such-page/"]:
        preloads = html.fromstring(client.get(path).content).xpath(FONT_PRELOADS)
        assert len(preloads) == 2, path
        for link in preloads:
            assert link.get("type") == "font/woff2"
            assert link.get("crossorigin") is not None  # fonts are always fetched in CORS mode


def test_preloaded_fonts_are_served_as_woff2(client, world):
    for link in page(client.get("/")).xpath(FONT_PRELOADS):
        response = client.get(link.get("href"))
        assert response.status_code == 200
        assert response["Content-Type"] == "font/woff2"
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert body[:4] == b"wOF2"


def test_stylesheet_fonts_exist_swap_and_carry_their_licence(client, world):
    stylesheet = page(client.get("/")).xpath("//head/link[@rel='stylesheet']/@href")[0]
    css = fetched(client, stylesheet).decode()
    faces = re.findall(r"@font-face\s*{([^}]*)}", css)
    assert len(faces) >= 2
    for face in faces:
        assert re.search(r"font-display:\s*swap", face)
        font = urljoin(stylesheet, re.search(r'url\("?([^")]+)"?\)', face).group(1))
        assert fetched(client, font)[:4] == b"wOF2"
        licence = fetched(client, urljoin(font, "OFL.txt")).decode()
        assert "SIL Open Font License" in licence
