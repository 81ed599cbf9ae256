"""What the benchmarks share: servers they start and stop, wrk, and a Django set up for a database.

Everything listens on and talks to 127.0.0.1 only. Every process is started in
a session of its own and stopped by its PID (``Processes.stop_all``, called
from a ``finally``), so a benchmark that fails half-way leaves nothing running.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
BENCH = PROJECT / "bench"
PYTHON = sys.executable
WRK_SCRIPT = BENCH / "wrk_paths.lua"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_newsroom"


def site_env(database_url, **extra):
    """The environment the site runs under in a benchmark: production-like, on 127.0.0.1."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "NEWSROOM_SITE_URL": "http://127.0.0.1",
        "NEWSROOM_PLAIN_STATIC": "false",
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "ERROR",
    }
    env.pop("CACHE_URL", None)
    env.pop("REDIS_URL", None)
    env.update({name: str(value) for name, value in extra.items() if value is not None})
    return env


def setup_django(env):
    """Set Django up in this process with ``env`` (the benchmark builds its database here)."""
    os.environ.update(env)
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, timeout=10):
    """(status, headers, body) of a GET on a new connection."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def wait_until_up(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            fetch(url, timeout=5)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing answered at {url} within {timeout} s")


class Processes:
    """The processes a benchmark started; ``stop_all()`` ends each by its PID."""

    def __init__(self):
        self.running = []

    def start(self, command, **kwargs):
        process = subprocess.Popen(command, start_new_session=True, **kwargs)
        self.running.append(process)
        return process

    def gunicorn(self, app, port, env, *, workers=2, threads=1):
        """gunicorn serving ``app`` (a module of bench/ or the project) on 127.0.0.1:``port``;
        with ``threads`` above 1, each worker serves that many requests at once (gthread)."""
        return self.start(
            [PYTHON, "-m", "gunicorn", app, "--workers", str(workers), "--threads", str(threads),
             "--bind", f"127.0.0.1:{port}", "--pythonpath", f"{PROJECT},{BENCH}", "--log-level", "warning",
             "--timeout", "60"],
            cwd=PROJECT, env=env,
        )  # fmt: skip

    def redis(self, port):
        """A throwaway redis-server: no persistence, keyspace events on for string writes."""
        return self.start(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--notify-keyspace-events", "K$"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip

    def stop(self, process, timeout=20):
        if process.poll() is None:
            # Its own session: the signal reaches the process group it leads (gunicorn's
            # workers), and nothing else.
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout)
        if process in self.running:
            self.running.remove(process)

    def stop_all(self):
        for process in reversed(list(self.running)):
            self.stop(process)


def wrk(url, seconds, *, connections=8, threads=2, paths_file=None, count=False):
    """Run wrk against ``url`` for ``seconds``; its figures as a dict (see bench/wrk_paths.lua)."""
    env = dict(os.environ)
    env.pop("WRK_PATHS", None)
    if paths_file:
        env["WRK_PATHS"] = str(paths_file)
    env["WRK_COUNT"] = "1" if count else "0"
    result = subprocess.run(
        ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s",
         "-s", str(WRK_SCRIPT), url],
        capture_output=True, text=True, env=env, timeout=seconds + 60,
    )  # fmt: skip
    line = next((line for line in result.stdout.splitlines() if line.startswith("WRKJSON ")), None)
    if result.returncode or line is None:
        raise SystemExit(f"wrk failed on {url}:\n{result.stdout}\n{result.stderr}")
    figures = json.loads(line.removeprefix("WRKJSON "))
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    for percentile in ("p50", "p95", "p99"):
        figures[f"{percentile}_ms"] = figures[f"{percentile}_us"] / 1000
    return figures


def write_paths(path, paths):
    Path(path).write_text("".join(f"{p}\n" for p in paths), encoding="utf-8")
    return path


def load_average():
    return os.getloadavg()[0]
