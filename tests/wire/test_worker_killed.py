"""A Celery worker killed mid-batch: its unfinished import is delivered again to the next
worker, and every item is imported exactly once.

Real processes throughout: a throwaway redis-server as the broker, `celery -A newsroom worker`
killed with SIGKILL while it works through a queued batch, then a second worker, all on one
SQLite file the test creates.
"""

import os
import re
import signal
import sqlite3
import subprocess
import sys

import pytest

from tests.servers import PROJECT_DIR, manage, production_environment, wait_until

pytestmark = pytest.mark.slow

DELIVERIES = 12  # files queued, one import task each
ITEMS = 60  # stories per file, so that a task takes a while (about a second)
REDELIVERY = 3  # CELERY_VISIBILITY_TIMEOUT of the test: a dead worker's task returns after this

QUEUE = """
from pathlib import Path
from articles.models import Section
from wire.ingest.models import Source
from wire.ingest.receive import receive
from wire.tasks import import_delivery_task
Section.objects.create(name="World", slug="world")
source = Source.objects.create(name="Agency", slug="agency", kind="push")
for path in sorted(Path(FOLDER).iterdir()):
    delivery, new = receive(source, path.name, path.read_bytes())
    import_delivery_task.delay(delivery.pk)
"""

REPORT = """
from django.db.models import Count
from articles.models import Story
from wire.ingest.models import Delivery
from wire.models import ImportRecord
print(Story.objects.count(), Story.objects.values("headline").distinct().count(),
      ImportRecord.objects.count(), Delivery.objects.filter(imported_at=None).count(),
      Story.objects.values("headline").annotate(n=Count("pk")).filter(n__gt=1).count())
"""


def feed(number):
    items = "".join(
        f"<item><title>Harbour story {number}-{item}</title><guid>urn:agency:{number}-{item}</guid>"
        f"<description>Ferries and the council, part {item} of file {number}.</description>"
        "<pubDate>Mon, 08 Jul 2024 07:15:00 +0100</pubDate></item>"
        for item in range(ITEMS)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Agency</title>{items}</channel></rss>'


class Worker:
    """`celery -A newsroom worker`, one task at a time, in its own process group."""

    def __init__(self, env, log, name):
        with open(log, "ab") as output:  # the child keeps its own copy of the descriptor
            self.process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "newsroom", "worker", "--concurrency", "1",
                 "--loglevel", "info", "--without-gossip", "--without-mingle", "-n", f"{name}@%h"],
                cwd=PROJECT_DIR, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip

    def kill(self, sig=signal.SIGKILL):
        """``sig`` to the worker and its pool process: the group this test started."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def test_a_worker_killed_mid_batch_leaves_every_item_imported_exactly_once(tmp_path, redis_server):
    database = tmp_path / "db.sqlite3"
    env = production_environment(
        database_url=f"sqlite:///{database}", cache_url="",
        NEWSROOM_CACHE_DIR=str(tmp_path / "cache"), NEWSROOM_INGEST_DIR=str(tmp_path / "spool"),
        CELERY_BROKER_URL=redis_server.url, CELERY_VISIBILITY_TIMEOUT=str(REDELIVERY),
    )  # fmt: skip
    manage(env, "migrate", "--no-input", "-v0")
    files = tmp_path / "arrived"
    files.mkdir()
    for number in range(DELIVERIES):
        (files / f"agency-{number:02d}.rss").write_text(feed(number))
    manage(env, "shell", "-c", f"FOLDER = {str(files)!r}\n{QUEUE}")

    def imported():
        with sqlite3.connect(database, timeout=10) as db:
            query = "SELECT count(*) FROM wire_delivery WHERE imported_at IS NOT NULL"
            return db.execute(query).fetchone()[0]

    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"

    def working_on_a_file():
        # More files taken than imported: one is half done, its import not committed. (Waiting
        # only for a task not yet logged as finished also caught one in the moments between
        # its commit and its log line, and the kill then came too late.)
        done = imported()
        return done >= 2 and len(tasks(first_log, "received")) > done

    first = Worker(env, first_log, "first")
    second = None
    try:
        wait_until(working_on_a_file, timeout=120, what="the first worker busy after importing two files")
        first.kill()
        assert 2 <= imported() < DELIVERIES, "the batch was over before the worker was killed"

        second = Worker(env, second_log, "second")
        wait_until(lambda: imported() == DELIVERIES, timeout=180, what="the second worker finishing")
    except BaseException:
        for log in (first_log, second_log):  # shown by pytest with the failure
            print(f"--- {log.name}", log.read_text()[-4000:] if log.exists() else "(none)", sep="\n")
        raise
    finally:
        for worker in (first, second):
            if worker:
                worker.kill(signal.SIGTERM)

    report = manage(env, "shell", "-v0", "-c", REPORT)
    stories, headlines, records, waiting, doubled = map(int, report.split())
    expected = DELIVERIES * ITEMS
    assert (stories, headlines, records, waiting, doubled) == (expected, expected, expected, 0, 0)
    # What the first worker had taken and not finished was not acknowledged: the second ran it.
    killed = tasks(first_log, "received") - tasks(first_log, "succeeded")
    assert killed <= tasks(second_log, "succeeded")
    assert tasks(first_log, "received") & tasks(second_log, "succeeded")


def tasks(log, what):
    """The ids of the import tasks a worker's log says it received (or finished)."""
    return set(re.findall(rf"Task wire\.tasks\.import_delivery\[([0-9a-f-]+)\] {what}", log.read_text()))
