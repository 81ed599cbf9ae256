"""The production environment README's "Running in production" documents, for subprocess tests."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]

# What an operator sets (README, "Running in production"), with a made-up key and host.
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "k3Jx9-q8TzV1mWbR5yLp0sNcH7uGdE2fA4oKiQ6vXwYt_BnMjZrUlSgOhPaCeDFI",
    "ALLOWED_HOSTS": "news.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://news.example.org",
    "NEWSROOM_SITE_URL": "https://news.example.org",
    "BEHIND_TLS_PROXY": "true",
}
# Settings the test run itself may have exported, which would blur what is being tested.
CLEARED = [
    "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "NEWSROOM_SITE_URL",
    "BEHIND_TLS_PROXY", "SECURE_COOKIES", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
    "DJANGO_SETTINGS_MODULE",
]  # fmt: skip


def environment(tmp_path, **changes):
    """The documented production environment on a fresh SQLite file; ``None`` unsets a variable."""
    env = {name: value for name, value in os.environ.items() if name not in CLEARED}
    env.update(PRODUCTION_ENV, DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}")
    env.pop("CACHE_URL", None)
    env.pop("REDIS_URL", None)
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def manage(env, *args, timeout=120):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
