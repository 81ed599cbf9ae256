"""Throwaway servers for fault tests: PostgreSQL, Redis, an S3 server and gunicorn on spare ports.

Never the shared services: each class starts its own process on a free port
of 127.0.0.1, in a directory of its own, and stops it by its own PID (or its
own data directory, for PostgreSQL). Every wait is bounded. Use them from
fixtures whose teardown calls ``stop()``, so a failing test still stops them.
"""

import glob
import http.cookiejar
import itertools
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from lxml import html as lxml_html

from tests.helpers import form_data
from tests.workers import worker_number

PROJECT_DIR = Path(__file__).resolve().parents[1]


# Ports for the servers tests start. Asking the system for a free one (bind to port 0,
# close, hand the number to the server) leaves a moment in which another xdist worker
# can be given the same number. Instead each worker picks from a block of its own,
# below Linux's ephemeral range (32768-60999) where the system's own picks fall,
# starting at random in it so that two checkouts' suites seldom try the same ports.
FIRST_PORT, PORTS_PER_WORKER = 20000, 400
WORKER_BLOCKS = (32768 - FIRST_PORT) // PORTS_PER_WORKER
_ports = None


def _worker_ports():
    first = FIRST_PORT + (worker_number() % WORKER_BLOCKS) * PORTS_PER_WORKER
    start = random.randrange(PORTS_PER_WORKER)
    block = list(range(first, first + PORTS_PER_WORKER))
    return itertools.cycle(block[start:] + block[:start])


def free_port():
    """A port of 127.0.0.1 nothing listens on, from this worker's block."""
    global _ports
    if _ports is None:
        _ports = _worker_ports()
    for _ in range(PORTS_PER_WORKER):
        port = next(_ports)
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:  # in use (or lingering in TIME_WAIT): the next one
                continue
        return port
    raise AssertionError(f"no free port in this worker's block ({PORTS_PER_WORKER} tried)")


def wait_until(ready, *, timeout, what):
    """Poll ``ready()`` until it is true; returns the seconds it took."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if ready():
            return time.monotonic() - started
        time.sleep(0.1)
    raise AssertionError(f"{what} not within {timeout} s")


def terminate(process):
    """TERM the process this test started, KILL it if it lingers."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def postgres_bin():
    """Debian's PostgreSQL server programs (initdb, pg_ctl, pg_dump...), or skip."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found or not shutil.which("redis-server"):
        pytest.skip("needs Debian's postgresql and redis-server packages (.ci/run installs them)")
    return Path(found[-1]).parent


class ThrowawayPostgres:
    """A PostgreSQL cluster in a temporary directory, trusting local TCP connections only."""

    def __init__(self):
        self.bin = postgres_bin()
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="newsroom-pg-"))
        self.data = self.directory / "data"
        # initdb and postgres refuse to run as root; Debian's package brings a postgres user.
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_owner:
            shutil.chown(self.directory, "postgres")
        self._run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")

    def _run(self, program, *args, timeout=60):
        command = [*self.as_owner, str(self.bin / program), *map(str, args)]
        subprocess.run(command, check=True, capture_output=True, timeout=timeout)

    def url(self, database):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self):
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
        log = self.directory / "server.log"
        self._run("pg_ctl", "start", "-w", "-t", "30", "-D", self.data, "-l", log, "-o", options)

    def stop(self, mode="fast"):
        self._run("pg_ctl", "stop", "-w", "-t", "30", "-m", mode, "-D", self.data)

    def createdb(self, name):
        self.client("createdb", f"--maintenance-db={self.url('postgres')}", name)

    def client(self, program, *args):
        """Run one of the cluster's client programs (pg_dump, pg_restore...) as this user."""
        subprocess.run([self.bin / program, *map(str, args)], check=True, capture_output=True, timeout=120)

    def remove(self):
        """Stop the cluster if it runs, and delete its files."""
        if (self.data / "postmaster.pid").exists():
            self.stop(mode="immediate")
        shutil.rmtree(self.directory, ignore_errors=True)


class ThrowawayRedis:
    """A redis-server that keeps nothing on disk; ``start()`` again after ``stop()`` reuses the port."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until(self.answers, timeout=10, what="redis-server answering PING")

    def answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self):
        if self.process:
            terminate(self.process)


class ThrowawayS3:
    """moto's standalone S3 server; any access key is accepted."""

    def __init__(self):
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            wait_until(self._answers, timeout=30, what="moto's S3 server answering")
        except BaseException:
            self.stop()
            raise

    def _answers(self):
        assert self.process.poll() is None, "moto's S3 server stopped while starting"
        try:
            urllib.request.urlopen(self.endpoint, timeout=1).close()
            return True
        except OSError:
            return False

    def stop(self):
        terminate(self.process)


def production_environment(*, database_url, cache_url, **more):
    """The environment of a production-shaped process: DEBUG off, a real secret, the given services."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "NEWSROOM_PLAIN_STATIC": "true",  # no collectstatic in a test
        "DATABASE_URL": database_url,
        "CACHE_URL": cache_url,  # empty: each process's own memory
        "REDIS_URL": "",
        **more,
    }


def manage(env, *args, timeout=180):
    """Run ``manage.py`` in a fresh process; returns its output, fails with its errors."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


class Gunicorn:
    """``gunicorn newsroom.wsgi`` with two workers, in its own process group."""

    def __init__(self, env, *, workers=2):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.directory = Path(tempfile.mkdtemp(prefix="newsroom-gunicorn-"))
        self.log = self.directory / "gunicorn.log"
        with open(self.log, "wb") as log:  # the child keeps its own copy of the descriptor
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--workers", str(workers),
                 "--bind", f"127.0.0.1:{self.port}", "--timeout", "30", "--graceful-timeout", "5"],
                cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        wait_until(self._answers, timeout=30, what="gunicorn answering /healthz")

    def _answers(self):
        assert self.process.poll() is None, self.log.read_text()[-3000:]
        try:
            return Browser(self.base).get("/healthz").status_code == 200
        except OSError:  # not listening yet (urllib's URLError is an OSError)
            return False

    def stop(self):
        """TERM to the process group this object started (master and workers), KILL if it lingers."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        shutil.rmtree(self.directory, ignore_errors=True)


class Answer:
    """An HTTP answer, shaped like a test client's response where tests.helpers reads one."""

    def __init__(self, status, headers, content):
        self.status_code, self.headers, self.content = status, headers, content
        self.text = content.decode("utf-8", "replace")

    def tree(self):
        return lxml_html.fromstring(self.content)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is an answer to look at, not to follow


class Browser:
    """A cookie-keeping HTTP client that does not follow redirects."""

    def __init__(self, base):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        cookies = urllib.request.HTTPCookieProcessor(self.cookies)
        self.opener = urllib.request.build_opener(cookies, _NoRedirects)

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=20) as response:
                return Answer(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.headers, error.read())

    def get(self, path):
        return self.request(path)

    def post_form(self, path, form_id=None, **changes):
        """Post the form of the page at ``path`` as a browser would, with some fields changed."""
        return self.request(path, form_data(self.get(path), form_id, **changes))

    def log_in(self, username, password):
        answer = self.post_form("/admin/login/?next=/admin/", username=username, password=password)
        assert answer.status_code == 302, answer.text[-2000:]
