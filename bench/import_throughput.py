"""How fast import_stories saves stories, and whether its memory stays flat.

    .venv/bin/python bench/import_throughput.py [--stories 10000] [--database sqlite|postgres|both]

Generates N ninjs 3.x story files (one story each, ``newsroom_data.ninjs_story``:
headline, dek, 4-6 paragraphs with a subheading and a list, one or two authors
from a pool of 300, three tags from a pool of 500, a section from 8, a credited
outlet) into bench/out/, then runs ``manage.py import_stories --publish`` on the folder in a
fresh process against a fresh database, and reports stories per second and
the importer's peak memory (max RSS) and CPU time (its own and its parsing
workers'), the CPU time of the PostgreSQL backend that served it, and the
load average at its start and end: on a busy machine they say more than the
clock. Each database is also run at a fifth of
N, so "flat memory" can be read off the table. PostgreSQL uses
BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/bench_import),
dropped and recreated for each run; only 127.0.0.1 is touched.
"""

import argparse
import os
import random
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import newsroom_data

PROJECT = Path(__file__).resolve().parents[1]
OUT = PROJECT / "bench" / "out"
PYTHON = sys.executable


def generate(count):
    folder = OUT / f"ninjs-v3-{count}"  # v3: newsroom_data.ninjs_story, headlines of 90 characters at most
    if folder.exists() and len(list(folder.iterdir())) == count:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    rng = random.Random(count)
    newsroom_data.write_ninjs(folder, (newsroom_data.ninjs_story(rng, number) for number in range(count)))
    return folder


def manage(env, *args):
    return subprocess.run([PYTHON, "manage.py", *args], cwd=PROJECT, env=env, check=True,
                          capture_output=True, text=True)  # fmt: skip


def fresh_database(kind):
    # A fresh page cache too: the checkout's own would hold another database's pages and grow.
    cache_dir = OUT / "page-cache"
    shutil.rmtree(cache_dir, ignore_errors=True)
    env = {**os.environ, "DEBUG": "False", "LOG_LEVEL": "ERROR", "NEWSROOM_CACHE_DIR": str(cache_dir)}
    env.setdefault("SECRET_KEY", secrets.token_urlsafe(50))  # DEBUG is off: a throwaway key
    if kind == "sqlite":
        db = OUT / "bench.sqlite3"
        db.unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{db}"
    else:
        url = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/bench_import")
        name = url.rsplit("/", 1)[1]
        admin = url.rsplit("/", 1)[0] + "/postgres"
        subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
        subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True)
        env["DATABASE_URL"] = url
    manage(env, "migrate", "--no-input", "-v0")
    return env


# Run in a child process of its own, so that its peak RSS is the importer's alone;
# the clock covers the import, not Python and Django starting up.
CHILD = """
import io, resource, sys, time
import django
django.setup()
from django.core.management import call_command
started = time.perf_counter()
call_command("import_stories", sys.argv[1], "--publish", stdout=io.StringIO())
elapsed = time.perf_counter() - started
own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime
print(elapsed, own.ru_maxrss, cpu, database_cpu())
"""

# The CPU time of the PostgreSQL backend serving the import (the server runs on this
# machine: its /proc entry is readable), or 0 on SQLite.
DATABASE_CPU = """
import os
from django.db import connection
def database_cpu():
    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
"""


def measure(kind, folder, count):
    env = {**fresh_database(kind), "DJANGO_SETTINGS_MODULE": "newsroom.settings"}
    started_load = os.getloadavg()[0]  # the machine is shared: how busy it was, at the start and end
    result = subprocess.run(
        [PYTHON, "-c", DATABASE_CPU + CHILD, str(folder)],
        cwd=PROJECT, capture_output=True, text=True, env=env,
    )  # fmt: skip
    if result.returncode:
        sys.exit(f"the import failed on {kind}:\n{result.stderr[-3000:]}")
    elapsed, peak_kb, cpu, database_cpu = result.stdout.split()[-4:]
    load = " / ".join(f"{value:.1f}" for value in (started_load, os.getloadavg()[0]))
    seconds = float(elapsed)
    return {"database": kind, "stories": count, "seconds": seconds, "per_second": count / seconds,
            "peak_mb": int(peak_kb) / 1024, "cpu": float(cpu), "database_cpu": float(database_cpu),
            "load": load}  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    kinds = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    sizes = [args.stories // 5, args.stories]
    rows = []
    for count in sizes:
        folder = generate(count)
        for kind in kinds:
            rows.append(measure(kind, folder, count))
            row = rows[-1]
            print(
                f"{row['database']:<10} {row['stories']:>7} stories {row['seconds']:>8.1f} s "
                f"{row['per_second']:>8.0f} stories/s {row['peak_mb']:>7.0f} MB peak "
                f"{row['cpu']:>7.1f} CPU s {row['database_cpu']:>7.1f} database CPU s",
                flush=True,
            )
    print()
    print("| database | stories | seconds | stories/s | peak MB | importer CPU s | stories per CPU s "
          "| database CPU s | load average |")  # fmt: skip
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        print(f"| {row['database']} | {row['stories']:,} | {row['seconds']:.1f} | {row['per_second']:.0f} | "
              f"{row['peak_mb']:.0f} | {row['cpu']:.1f} | {row['stories'] / row['cpu']:.0f} | "
              f"{row['database_cpu']:.1f} | {row['load']} |")  # fmt: skip


if __name__ == "__main__":
    main()
