"""Signing in to the desk in Chromium through the admin's login form, as a person does."""

PASSWORD = "correct-horse-battery"


def log_in(browser, live_server, user, width=1366):
    page = browser.new_context(viewport={"width": width, "height": 768}).new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#content-main")
    return page
