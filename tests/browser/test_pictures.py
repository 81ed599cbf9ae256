"""Pictures in a real browser: every picture on the home page, a live story and an article with a lead
image and a figure loads (renditions made on first request), keeps the box its width and
height promise, and the pages are photographed at phone and laptop widths, light and dark.

``NEWSROOM_SCREENSHOTS=docs/screenshots`` keeps the screenshots there (README shows them).
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Story

WIDTHS = {"phone": 390, "laptop": 1366}
ARTICLE = "port-calder-council-approves-transit-levy-after-seven-hour"  # a lead image and a map figure
LIVE = "live-pilots-and-rivermen-play-game-162-with-the-division"  # open live coverage with a lead image
# The fewest pictures each page shows: the home's lead story and desks' rows, the
# article's lead image and figure, the live story's lead image.
PICTURES = {"home": 5, "article": 2, "live": 1}


def loaded_pictures(page):
    """Scroll every picture into view, so lazy ones load; [(natural width, shown and promised ratios)]."""
    page.evaluate("""async () => {
        for (const img of document.querySelectorAll("picture img")) {
            img.scrollIntoView();
            await new Promise(done => {
                if (img.complete) return done();
                img.addEventListener("load", done, {once: true});
                img.addEventListener("error", done, {once: true});
                setTimeout(done, 10000);
            });
            await img.decode().catch(() => null);  // decoding="async": painted once decoded
        }
        window.scrollTo(0, 0);
    }""")
    return page.evaluate("""() => [...document.querySelectorAll("picture img")].map(img => [
        img.naturalWidth, img.clientWidth / img.clientHeight, img.width / img.height,
        img.getAttribute("width") / img.getAttribute("height")])""")


@pytest.mark.browser
@pytest.mark.slow
def test_pictures_load_and_pages_look_right_at_phone_and_laptop_widths(
    live_server, transactional_db, browser, tmp_path
):
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    article = Story.objects.get(slug=ARTICLE).get_absolute_url()
    live = Story.objects.get(slug=LIVE).get_absolute_url()
    folder = Path(os.environ.get("NEWSROOM_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    for scheme in ("light", "dark"):
        for device, width in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
            page.set_default_timeout(30000)
            failed = []
            page.on("response", lambda r, failed=failed: r.status >= 400 and failed.append((r.status, r.url)))
            for name, path in (("home", "/"), ("article", article), ("live", live)):
                response = page.goto(live_server.url + path)
                assert response.status == 200
                shown = loaded_pictures(page)
                assert len(shown) >= PICTURES[name], (name, device, len(shown))
                assert failed == [], failed
                for natural, ratio, _, promised in shown:
                    assert natural > 0, (name, device, "a picture did not load")
                    assert abs(ratio - promised) < 0.02, (name, device, ratio, promised)
                page.screenshot(path=folder / f"{name}-{width}-{scheme}.png", full_page=name != "home")
            page.close()
