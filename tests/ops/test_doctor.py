"""`manage.py doctor` says in plain words what is wrong with a deployment, and exits 1 if anything is."""

import shutil

import pytest

from tests.ops.production import environment, manage

# One worker runs the whole module: its module-scoped fixture is minutes of set-up.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("doctor")]


@pytest.fixture(scope="module")
def migrated_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("migrated")
    assert manage(environment(folder), "migrate", "--no-input", "-v0").returncode == 0
    return folder / "site.sqlite3"


@pytest.fixture
def migrated(tmp_path, migrated_file):
    """A folder whose site.sqlite3 (environment()'s database) is fully migrated."""
    shutil.copy(migrated_file, tmp_path / "site.sqlite3")
    return tmp_path


def problems(result):
    lines = result.stdout.splitlines()
    return [line.removeprefix("PROBLEM  ") for line in lines if line.startswith("PROBLEM")]


def test_a_laptop_setup_is_not_ready_for_production(migrated):
    env = environment(migrated, DEBUG="true", SECRET_KEY=None, NEWSROOM_SITE_URL=None, ALLOWED_HOSTS=None)

    result = manage(env, "doctor")

    assert result.returncode == 1
    found = "\n".join(problems(result))
    assert "DEBUG is on" in found
    assert "SECRET_KEY is the development key" in found
    assert "ALLOWED_HOSTS names only this machine" in found
    assert "NEWSROOM_SITE_URL is not set" in found
    assert "Set CACHE_URL=redis://" in found
    assert f"{len(problems(result))} problem(s) found." in result.stderr


def test_the_documented_production_settings_leave_only_the_services_to_fix(migrated):
    env = environment(migrated)

    result = manage(env, "doctor")

    # This test's database is a SQLite file and its cache is in-process: the two
    # things the documented environment would point at PostgreSQL and Redis.
    topics = [problem.split(":")[0] for problem in problems(result)]
    assert sorted(topics) == ["cache", "database"], result.stdout
    assert "ok       database service: The database answers and every migration is applied." in result.stdout
    assert "ok       cache service: The cache answers." in result.stdout


def test_it_names_unapplied_migrations(tmp_path):
    result = manage(environment(tmp_path), "doctor")

    assert result.returncode == 1
    assert any("not applied" in found and "Run manage.py migrate" in found for found in problems(result))


def test_it_says_when_the_database_cannot_be_reached(tmp_path):
    env = environment(tmp_path, DATABASE_URL="postgres://nobody@127.0.0.1:9/nothing", CONN_MAX_AGE="0")

    result = manage(env, "doctor")

    assert result.returncode == 1
    assert any(found.startswith("database service: Cannot reach the database") for found in problems(result))
    assert "Traceback" not in result.stderr


def test_it_says_when_the_cache_cannot_be_reached(migrated):
    env = environment(migrated, CACHE_URL="redis://127.0.0.1:9/0")

    result = manage(env, "doctor")

    assert result.returncode == 1
    assert any(problem.startswith("cache service: Cannot reach the cache") for problem in problems(result))
    assert "Traceback" not in result.stderr
