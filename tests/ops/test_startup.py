"""With DEBUG off, Newsroom refuses to start on a missing or guessable SECRET_KEY, in one line."""

import subprocess
import sys

import pytest

from tests.ops.production import PROJECT_DIR, environment, manage

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("key", "problem"),
    [
        (None, "SECRET_KEY is not set"),
        ("django-insecure-newsroom-development-key-do-not-use-in-production", "is the development key"),
        ("a-short-but-random-Key-8d7f", "too short"),
        ("x" * 60, "too simple"),
    ],
)
def test_manage_py_refuses_to_start_without_a_real_secret(tmp_path, key, problem):
    result = manage(environment(tmp_path, SECRET_KEY=key), "check")

    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Newsroom will not start: SECRET_KEY ")
    assert problem in lines[0]


def test_a_real_secret_starts(tmp_path):
    result = manage(environment(tmp_path), "check")
    assert result.returncode == 0, result.stderr


def test_debug_mode_runs_without_a_secret(tmp_path):
    result = manage(environment(tmp_path, SECRET_KEY=None, DEBUG="true"), "check")
    assert result.returncode == 0, result.stderr


def test_gunicorn_stops_instead_of_serving_without_a_secret(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--bind", "127.0.0.1:0", "--workers", "2"],
        cwd=PROJECT_DIR, env=environment(tmp_path, SECRET_KEY=None),
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip

    assert result.returncode != 0
    assert "Newsroom will not start: SECRET_KEY is not set" in result.stderr
    assert "Worker failed to boot" in result.stderr  # gunicorn gave up instead of restarting workers
