"""How fast import_stories saves stories, and whether its memory stays flat.

    .venv/bin/python bench/import_throughput.py [--stories 10000] [--database sqlite|postgres|both]

Generates N ninjs 3.x story files (one story each: headline, dek, 4-6
paragraphs with a subheading and a list, one or two authors from a pool of
300, three tags from a pool of 500, a section from 6, a credited outlet) into
bench/out/, then runs ``manage.py import_stories --publish`` on the folder in a
fresh process against a fresh database, and reports stories per second and
the importer's peak memory (max RSS). Each database is also run at a fifth of
N, so "flat memory" can be read off the table. PostgreSQL uses
BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/wt5_bench),
dropped and recreated for each run; only 127.0.0.1 is touched.
"""

import argparse
import json
import os
import random
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
OUT = PROJECT / "bench" / "out"
PYTHON = sys.executable
SECTIONS = [("world", "World"), ("business", "Business"), ("politics", "Politics"), ("science", "Science"),
            ("sport", "Sport"), ("culture", "Culture")]  # fmt: skip
WORDS = [
    "harbour", "council", "minister", "market", "river", "storm", "election", "budget", "court", "school",
    "hospital", "energy", "railway", "farmers", "union", "talks", "plan", "report", "vote", "police",
]  # fmt: skip


def sentence(rng, words=14):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def story(rng, number):
    paragraphs = [f"<p>{' '.join(sentence(rng) for _ in range(3))}</p>" for _ in range(rng.randint(4, 6))]
    paragraphs.insert(2, f"<h2>{sentence(rng, 4)[:-1]}</h2>")
    paragraphs.append("<ul><li>" + "</li><li>".join(sentence(rng, 5) for _ in range(3)) + "</li></ul>")
    slug, name = rng.choice(SECTIONS)
    authors = sorted({f"Reporter {rng.randint(1, 300)}" for _ in range(rng.randint(1, 2))})
    return {
        "standard": {"name": "ninjs", "version": "3.1"},
        "uri": f"urn:bench:story:{number}",
        "type": "text",
        "version": "1",
        "versionCreated": "2026-01-02T10:00:00+00:00",
        "firstCreated": "2026-01-02T09:00:00+00:00",
        "pubStatus": "usable",
        "headlines": [{"role": "main", "value": f"{sentence(rng, 8)[:-1]} ({number})"}],
        "descriptions": [{"role": "summary", "value": sentence(rng)}],
        "by": " and ".join(authors),
        "bodies": [{"role": "main", "contentType": "text/html", "value": "".join(paragraphs)}],
        "subjects": [{"name": name, "rel": "section", "literal": slug}]
        + [{"name": f"topic {rng.randint(1, 500)}", "rel": "about"} for _ in range(3)],
        "infoSources": [{"name": rng.choice(["Reuters", "Associated Press", "Harbour Gazette"])}],
    }


def generate(count):
    folder = OUT / f"stories-{count}"
    if folder.exists() and len(list(folder.iterdir())) == count:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    rng = random.Random(count)
    for number in range(count):
        (folder / f"{number:06d}.json").write_text(json.dumps(story(rng, number)), encoding="utf-8")
    return folder


def manage(env, *args):
    return subprocess.run([PYTHON, "manage.py", *args], cwd=PROJECT, env=env, check=True,
                          capture_output=True, text=True)  # fmt: skip


def fresh_database(kind):
    env = {**os.environ, "DEBUG": "False", "LOG_LEVEL": "ERROR"}
    env.setdefault("SECRET_KEY", secrets.token_urlsafe(50))  # DEBUG is off: a throwaway key
    if kind == "sqlite":
        db = OUT / "bench.sqlite3"
        db.unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{db}"
    else:
        url = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/wt5_bench")
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
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def measure(kind, folder, count):
    env = {**fresh_database(kind), "DJANGO_SETTINGS_MODULE": "newsroom.settings"}
    result = subprocess.run(
        [PYTHON, "-c", CHILD, str(folder)], cwd=PROJECT, capture_output=True, text=True, env=env
    )
    if result.returncode:
        sys.exit(f"the import failed on {kind}:\n{result.stderr[-3000:]}")
    elapsed, peak_kb = result.stdout.split()[-2:]
    seconds = float(elapsed)
    return {"database": kind, "stories": count, "seconds": seconds, "per_second": count / seconds,
            "peak_mb": int(peak_kb) / 1024}  # fmt: skip


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
                f"{row['per_second']:>8.0f} stories/s {row['peak_mb']:>7.0f} MB peak",
                flush=True,
            )
    print()
    print("| database | stories | seconds | stories/s | peak memory (MB) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for row in rows:
        print(f"| {row['database']} | {row['stories']:,} | {row['seconds']:.1f} | {row['per_second']:.0f} | "
              f"{row['peak_mb']:.0f} |")  # fmt: skip


if __name__ == "__main__":
    main()
