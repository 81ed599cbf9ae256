"""Every public page type has no serious or critical axe-core violation in headless Chromium."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from tests.page_types import every_page_type

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SERIOUS = {"serious", "critical"}


@pytest.mark.browser
def test_no_public_page_type_has_serious_accessibility_violations(
    live_server, transactional_db, make_story, europe
):
    pages = every_page_type(make_story, europe)
    axe = Axe()
    problems = []
    # Everything touching the database happens before the browser starts: the
    # Playwright sync API runs an event loop in this thread.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for scheme in ("light", "dark"):
                page = browser.new_page(color_scheme=scheme)
                for name, path in pages.items():
                    page.goto(live_server.url + path)
                    results = axe.run(page)
                    problems += [
                        f"{name} ({scheme}): {violation['id']} ({violation['impact']}) "
                        f"{[node['target'] for node in violation['nodes']]}"
                        for violation in results.response["violations"]
                        if violation["impact"] in SERIOUS
                    ]
                page.close()
        finally:
            browser.close()

    assert problems == [], "\n".join(problems)
