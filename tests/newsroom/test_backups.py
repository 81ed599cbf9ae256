"""The README's backup and restore commands, run against a throwaway PostgreSQL."""

import json

import pytest

from tests.servers import PROJECT_DIR, ThrowawayPostgres, manage, production_environment

pytestmark = pytest.mark.slow


@pytest.fixture
def postgres():
    cluster = ThrowawayPostgres()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.remove()


def test_a_dump_restored_into_an_empty_database_brings_back_every_story(postgres, tmp_path):
    postgres.createdb("newsroom")
    live = production_environment(database_url=postgres.url("newsroom"), cache_url="")
    manage(live, "migrate", "--no-input", "-v0")
    manage(live, "seed_demo")
    before = manage(live, "export_stories", "--all", "-")

    dump = tmp_path / "newsroom.dump"
    postgres.client("pg_dump", "--format=custom", "--no-owner", f"--file={dump}", postgres.url("newsroom"))
    postgres.createdb("newsroom_restored")
    postgres.client("pg_restore", "--no-owner", f"--dbname={postgres.url('newsroom_restored')}", dump)

    restored = production_environment(database_url=postgres.url("newsroom_restored"), cache_url="")
    assert "[ ]" not in manage(restored, "showmigrations", "--list")
    after = manage(restored, "export_stories", "--all", "-")
    demo = json.loads((PROJECT_DIR / "articles/demo/stories.json").read_text(encoding="utf-8"))
    assert json.dumps(demo["stories"][0]["headline"])[1:-1] in after
    assert len(after.splitlines()) == len(demo["stories"])
    assert after == before
