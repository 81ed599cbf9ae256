"""HTTP load benchmark for the public site.

Builds a database of realistic size, starts gunicorn on 127.0.0.1, sends a
bounded number of requests per page type from a thread pool, and prints a
Markdown table of throughput and latency.

    .venv/bin/python bench/http_load.py                       # SQLite
    .venv/bin/python bench/http_load.py --database-url postgres://postgres@127.0.0.1:5432/bench

Only 127.0.0.1 is ever contacted; the run stops after --requests requests per
page type or --seconds seconds, whichever comes first.
"""

import argparse
import os
import random
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

WORDS = [
    "council", "harbour", "budget", "election", "minister", "market", "climate", "storm", "bridge",
    "school", "hospital", "transit", "court", "inquiry", "treaty", "ceasefire", "summit", "league",
    "final", "museum", "festival", "research", "vaccine", "energy", "wind", "solar", "ferry", "port",
    "union", "strike", "tariff",
]  # fmt: skip


DESKS = ["world", "politics", "business", "technology", "science", "culture", "sport"]


def paragraph(rng, words=60):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text.capitalize() + "."


def populate(stories, seed=7):
    """Fill the database with sections, authors, tags and published stories."""
    from datetime import timedelta

    from django.utils import timezone
    from taggit.models import Tag, TaggedItem

    from articles.models import Author, Byline, Outlet, Section, SourceAttribution, Story

    rng = random.Random(seed)
    sections = [
        Section.objects.create(name=name.title(), slug=name, order=n)
        for n, name in enumerate(DESKS)
    ]
    authors = [Author.objects.create(name=f"Reporter {n}", slug=f"reporter-{n}") for n in range(40)]
    tags = [Tag.objects.create(name=f"topic {n}", slug=f"topic-{n}") for n in range(200)]
    outlets = list(Outlet.objects.all())
    now = timezone.now()
    batch = []
    for n in range(stories):
        body = "".join(
            f"<h2>{paragraph(rng, 4)}</h2>" if i % 4 == 3 else f"<p>{paragraph(rng)}</p>" for i in range(12)
        )
        published = now - timedelta(minutes=17 * n + 1)
        batch.append(Story(
            headline=f"{paragraph(rng, 8)[:-1]} {n}", slug=f"story-{n}", dek=paragraph(rng, 20),
            body=body, section=rng.choice(sections), status=Story.Status.PUBLISHED,
            publish_at=published, first_published_at=published, word_count=700,
        ))  # fmt: skip
    Story.objects.bulk_create(batch, batch_size=500)
    from django.contrib.contenttypes.models import ContentType

    story_type = ContentType.objects.get_for_model(Story)
    bylines, tagged, sources = [], [], []
    for story in Story.objects.only("pk"):
        for position, author in enumerate(rng.sample(authors, 2)):
            bylines.append(Byline(story=story, author=author, position=position))
        for tag in rng.sample(tags, 4):
            tagged.append(TaggedItem(tag=tag, content_type=story_type, object_id=story.pk))
        sources.append(SourceAttribution(story=story, outlet=rng.choice(outlets)))
    Byline.objects.bulk_create(bylines, batch_size=2000)
    TaggedItem.objects.bulk_create(tagged, batch_size=2000)
    SourceAttribution.objects.bulk_create(sources, batch_size=2000)
    return [story.get_absolute_url() for story in Story.objects.select_related("section")[:500]]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server at {url} did not come up")


def fetch(url):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=10) as response:
        response.read()
        status = response.status
    return time.perf_counter() - started, status


def load(base, paths, requests, concurrency, seconds):
    urls = [base + paths[i % len(paths)] for i in range(requests)]
    deadline = time.monotonic() + seconds
    latencies, errors = [], 0

    def one(url):
        if time.monotonic() > deadline:
            return None
        try:
            return fetch(url)
        except OSError:
            return (0.0, 599)

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        for result in pool.map(one, urls):
            if result is None:
                continue
            latency, status = result
            if status != 200:
                errors += 1
            latencies.append(latency)
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "errors": errors,
    }


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    parser.add_argument("--stories", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=600, help="per page type")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--seconds", type=float, default=60, help="time limit per page type")
    parser.add_argument(
        "--page-cache-seconds", default="60", help="NEWSROOM_PAGE_CACHE_SECONDS; 0 measures rendering"
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="newsroom.settings", DEBUG="false",
               ALLOWED_HOSTS="127.0.0.1", NEWSROOM_PLAIN_STATIC="false",
               NEWSROOM_PAGE_CACHE_SECONDS=args.page_cache_seconds)  # fmt: skip
    env["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    env.setdefault("SECRET_KEY", secrets.token_urlsafe(50))  # DEBUG is off: a throwaway key
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        # A dedicated benchmark database: start from an empty schema every run.
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    call_command("migrate", verbosity=0)
    print(f"populating {args.stories} stories on {connection.vendor}…", file=sys.stderr)
    story_paths = populate(args.stories)
    if connection.vendor == "postgresql":
        # Fresh bulk-loaded tables have no planner statistics yet; autovacuum
        # would gather them within a minute in production, so do it now.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    connection.close()
    call_command("collectstatic", "--no-input", verbosity=0)

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--workers", str(args.workers),
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=PROJECT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/")
        pages = {
            "home": ["/"],
            "section front": ["/world/", "/business/", "/sport/?page=3"],
            "article": story_paths,
            "tag": [f"/tag/topic-{n}/" for n in range(50)],
            "author": [f"/author/reporter-{n}/" for n in range(40)],
            "search": [f"/search/?q={word}" for word in WORDS],
        }
        rows = []
        for name, paths in pages.items():
            load(base, paths, min(30, args.requests), args.concurrency, args.seconds)  # warm up
            rows.append((name, load(base, paths, args.requests, args.concurrency, args.seconds)))
    finally:
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"\n{connection.vendor}, {args.stories} stories, gunicorn --workers {args.workers}, "
          f"{args.concurrency} concurrent clients, page cache {args.page_cache_seconds}s\n")  # fmt: skip
    print("| page | requests | req/s | p50 ms | p95 ms | errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, r in rows:
        print(
            f"| {name} | {r['requests']} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} "
            f"| {r['errors']} |"
        )


if __name__ == "__main__":
    main()
