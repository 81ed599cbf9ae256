"""The lockout holds across server processes: failures are counted in the shared database."""

import http.cookiejar
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.ops.production import PROJECT_DIR, environment, manage
from tests.servers import free_port

pytestmark = pytest.mark.slow

PASSWORD = "correct-horse-battery"


class Browser:
    """Just enough of a browser for the admin login form: cookies and the CSRF token."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirects()
        )

    def log_in(self, username, password):
        """The status of posting the login form: 302 let in, 200 refused, 429 locked out."""
        with self.opener.open(f"{self.base}/admin/login/", timeout=10) as response:
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode())[1]
        form = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": username, "password": password, "next": "/admin/"}
        ).encode()
        try:
            with self.opener.open(f"{self.base}/admin/login/", form, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def wait_until_up(base, server):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert server.poll() is None, "the server stopped while starting"
        try:
            urllib.request.urlopen(f"{base}/admin/login/", timeout=2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{base} did not answer within 30 s")


@pytest.fixture
def two_servers(tmp_path):
    env = environment(
        tmp_path, BEHIND_TLS_PROXY=None, ALLOWED_HOSTS="127.0.0.1", NEWSROOM_SITE_URL=None,
        NEWSROOM_PLAIN_STATIC="true", AXES_FAILURE_LIMIT="3", DJANGO_SUPERUSER_PASSWORD=PASSWORD,
    )  # fmt: skip
    assert manage(env, "migrate", "--no-input", "-v0").returncode == 0
    created = manage(env, "createsuperuser", "--no-input", "--username", "edna", "--email", "e@example.org")
    assert created.returncode == 0, created.stderr
    servers, bases = [], []
    try:
        for _ in range(2):
            port = free_port()
            server = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--workers", "1",
                 "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
                cwd=PROJECT_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            servers.append(server)
            bases.append(f"http://127.0.0.1:{port}")
        for base, server in zip(bases, servers, strict=True):
            wait_until_up(base, server)
        yield bases
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def test_failures_on_two_processes_add_up_to_one_lockout(two_servers):
    first, second = (Browser(base) for base in two_servers)

    statuses = [browser.log_in("edna", "wrong-horse-battery")[0] for browser in (first, second, first)]
    # The third failure is only the second the first process saw: the limit of three
    # is reached because the count is shared.
    assert statuses == [200, 200, 429]

    for browser in (second, first):
        status, page = browser.log_in("edna", PASSWORD)
        assert status == 429
        assert "Too many failed login attempts" in page


def test_a_login_on_either_process_works_before_the_limit(two_servers):
    first, second = (Browser(base) for base in two_servers)
    first.log_in("edna", "wrong-horse-battery")
    second.log_in("edna", "wrong-horse-battery")

    assert second.log_in("edna", PASSWORD)[0] == 302
