"""Every public page type has no serious or critical axe-core violation in headless Chromium."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.page_types import every_page_type

SERIOUS = {"serious", "critical"}


@pytest.mark.browser
def test_no_public_page_type_has_serious_accessibility_violations(
    live_server, transactional_db, make_story, europe, browser
):
    pages = every_page_type(make_story, europe)
    axe = Axe()
    problems = []
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

    assert problems == [], "\n".join(problems)
