"""A large import parses its files in worker processes (articles/importers/parallel.py)
and still imports, reports and fails exactly as when one process does everything."""

import threading
from concurrent.futures import ProcessPoolExecutor

import pytest

from articles.models import Story
from tests.importing import import_stories, ninjs_file, snapshot
from wire import parallel
from wire.models import ImportRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def pools(monkeypatch):
    """How each process pool the import starts, starts its workers ("fork" or "spawn")."""
    started = []

    class RecordedPool(ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started.append(kwargs["mp_context"].get_start_method())

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", RecordedPool)
    return started


@pytest.mark.slow  # starts a pool of worker processes
def test_parsing_in_worker_processes_imports_what_one_process_does(world, tmp_path, settings, pools):
    wire = tmp_path / "wire"
    wire.mkdir()
    for number in range(250):
        ninjs_file(wire, number)
    bad = wire / "0123.json"
    bad.write_text('{"uri": "urn:batch:123", "headlines": [', encoding="utf-8")

    settings.NEWSROOM_IMPORT_WORKERS = 2
    in_pool = import_stories(wire, "--publish")
    assert pools == ["fork"]

    assert not in_pool.ok
    assert len(in_pool.error_lines) == 1
    assert in_pool.error_lines[0].startswith(f"error: {bad}: ")
    assert "250 found: 249 created, 0 updated, 0 unchanged, 0 skipped, 0 withdrawn, 1 failed." in in_pool.out
    reported = [line.split() for line in in_pool.out.splitlines()]
    created = [words[1].rstrip(":") for words in reported if words[0] == "created"]
    assert created == [str(wire / f"{number:04d}.json") for number in range(250) if number != 123]
    stories = snapshot()
    assert len(stories) == 249

    Story.objects.all().delete()
    ImportRecord.objects.all().delete()
    settings.NEWSROOM_IMPORT_WORKERS = 0
    alone = import_stories(wire, "--publish")
    assert pools == ["fork"]

    assert (alone.out, alone.err) == (in_pool.out, in_pool.err)
    assert snapshot() == stories


@pytest.mark.slow  # starts a pool of worker processes
def test_workers_are_spawned_when_other_threads_run(world, tmp_path, settings, pools):
    settings.NEWSROOM_IMPORT_WORKERS = 2
    for number in range(210):
        ninjs_file(tmp_path, number)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        run = import_stories(tmp_path, "--publish")
    finally:
        stop.set()
        other.join()
    assert pools == ["spawn"]
    assert run.ok
    assert "210 found: 210 created," in run.out
    assert Story.objects.count() == 210


def test_small_and_strict_imports_start_no_pool(world, tmp_path, settings, pools):
    settings.NEWSROOM_IMPORT_WORKERS = 2
    for number in range(5):
        ninjs_file(tmp_path, number)
    assert import_stories(tmp_path, "--publish").ok
    for number in range(5, 250):
        ninjs_file(tmp_path, number)
    assert import_stories(tmp_path, "--publish", "--strict").ok
    assert Story.objects.count() == 250
    assert pools == []
