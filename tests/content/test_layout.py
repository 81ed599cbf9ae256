"""The apps depend one way: every door on the content core, never the reverse."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
CORE = "articles"
# Apps built on the core, and the apps each of them may use besides it.
DOORS = {
    # The picture library: stories refer to its images by name ("media.Image"), the core
    # never imports it; it imports only the core, and the other doors may use it.
    "media": set(),
    "fronts": {"media"},  # curated fronts: stories and their pictures; only the reader site uses it
    "frontend": {"media", "fronts"},
    "wire": {"media"},
    "desk": {"frontend", "wire", "media"},  # the desk previews reader pages and shows import provenance
    "ops": set(),  # running the site: checks, doctor, headers, login throttling
    "api": {"wire", "media"},  # the read API serves stories as wire's ninjs exporter writes them
}
LATER_APPS = {"live"}


def imported_apps(app):
    """{(module path, top-level package it imports)} for every module of ``app``."""
    found = set()
    for path in (PROJECT_DIR / app).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            found.update((str(path.relative_to(PROJECT_DIR)), name.split(".")[0]) for name in names)
    return found


def test_the_content_core_imports_none_of_the_apps_built_on_it():
    forbidden = set(DOORS) | LATER_APPS
    offenders = sorted((module, package) for module, package in imported_apps(CORE) if package in forbidden)
    assert offenders == []


@pytest.mark.parametrize("app", sorted(DOORS))
def test_each_door_imports_only_the_core_and_what_it_is_allowed(app):
    forbidden = (set(DOORS) | LATER_APPS) - {app} - DOORS[app]
    offenders = sorted((module, package) for module, package in imported_apps(app) if package in forbidden)
    assert offenders == []


def test_the_parser_sees_imports_at_all():
    # Guards the two tests above against passing because nothing was read.
    assert (f"{CORE}/workflow.py", "django") in imported_apps(CORE)
    assert ("wire/pipeline.py", CORE) in imported_apps("wire")
    assert ("api/endpoints.py", CORE) in imported_apps("api")
    assert ("frontend/article_parts.py", "media") in imported_apps("frontend")


@pytest.mark.slow
def test_the_content_core_stands_alone(tmp_path):
    """With only the core, its libraries and Django's apps installed: check and migrate pass."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.content.core_only_settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'core.sqlite3'}",
    }
    env.pop("CACHE_URL", None)
    for command in (["check"], ["migrate", "--no-input", "-v0"], ["check", "--database", "default"]):
        result = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr[-2000:]
    listed = subprocess.run(
        [sys.executable, "manage.py", "showmigrations", "--list"],
        cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=120,
    ).stdout  # fmt: skip
    assert "articles" in listed and "media" in listed and "[ ]" not in listed
    assert "wire" not in listed and "frontend" not in listed
