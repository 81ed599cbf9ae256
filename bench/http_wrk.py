"""The public site under wrk, against a ceiling measured in the same round.

    .venv/bin/python bench/http_wrk.py --stories 1000
    .venv/bin/python bench/http_wrk.py --stories 100000 --duration 30 --rounds 3
    .venv/bin/python bench/http_wrk.py --stories 100000 --reuse     # the database built last time

Builds a newsroom of --stories stories (bench/newsroom_data.py) in a database of
its own (default: bench_newsroom on the PostgreSQL at 127.0.0.1:5432, created if
missing and emptied), then starts on 127.0.0.1, each under gunicorn with
--workers (2) and DEBUG off:

- the site with its page cache on (60 s),
- the site with its page cache off (NEWSROOM_PAGE_CACHE_SECONDS=0) and nothing of an
  article kept between renders (NEWSROOM_ARTICLE_PARTS_SECONDS=0): every request renders in full,
- the site with its page cache off and an article's own parts kept (frontend/article_parts.py):
  an article rendered again, as after a change to something else on its page,
- the ceiling (bench/ceiling.py): a bare Django view answering with the bytes of the article page.

Each page is then driven by wrk for --duration seconds right after the ceiling
is driven with the same wrk settings and the same addresses, in --rounds rounds,
and a Markdown table gives the medians: req/s, p50 and p99 latency, and the
ratio to the ceiling of the same round. Then the rendered article, home page
and searches are driven by one connection alone, for their latency (p50, p95,
p99) when no request waits behind another. The rendered article cycles through up
to 5,000 stories spread over the whole archive (bench/wrk_paths.lua) whose
"More on this" lists are kept (scored before the run, as a story's first view
does); "its first view" through as many others never viewed, so each request
scores a list until the run has viewed them all once; "rendered again" through
200 stories, each requested once before the rounds. Section fronts through
every section's first three pages. Every process it starts is stopped by its
PID when it ends, fails or is interrupted.
"""

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import harness
import newsroom_data


def build(args, env):
    harness.setup_django(env)
    from django.db import connection

    from articles.models import Story

    if args.reuse and Story.objects.count() == args.stories:
        print(f"reusing the {args.stories:,} stories already in the database", file=sys.stderr)
    else:
        started = time.monotonic()
        print(f"building {args.stories:,} stories on {connection.vendor}…", file=sys.stderr)
        newsroom_data.reset_database()
        newsroom_data.populate(args.stories)
        print(f"built in {time.monotonic() - started:.0f} s", file=sys.stderr)
    started = time.monotonic()
    kept = newsroom_data.keep_suggestions(every=article_step(Story.objects.published().count()))
    seconds = time.monotonic() - started
    print(f"kept “More on this” of {kept:,} more stories in {seconds:.0f} s", file=sys.stderr)
    subprocess.run([harness.PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"],
                   cwd=harness.PROJECT, env=env, check=True)  # fmt: skip
    paths = newsroom_data.story_paths()
    vendor = connection.vendor
    connection.close()
    return paths, vendor


def article_step(stories):
    """Articles are read every this many stories, up to 5,000 spread over the archive."""
    return max(2, stories // 5000)


# Stories the "rendered again" row reads, each once before the rounds.
AGAIN = 200
# Pages also measured one request at a time, after the rounds: their latency with no queue.
ONE_AT_A_TIME = {
    "article, rendered",
    "article, rendered again, its parts kept",
    "home, rendered",
    f"search for “{newsroom_data.COMMON_WORD}” (every story), rendered",
    "search, one of 200 words, rendered",
}


def pages(story_paths, workdir):
    """(name, which server, one path or a file of paths) for every row of the table."""
    rng = random.Random(1)
    step = article_step(len(story_paths))
    # Read before (their "More on this" kept, build() scored them), and never read before.
    articles = story_paths[::step]
    first_views = story_paths[step // 2 :: step]
    rng.shuffle(articles)
    rng.shuffle(first_views)
    sections = [f"/{desk}/{page}" for desk in newsroom_data.DESKS for page in ("", "?page=2", "?page=3")]
    searches = [f"/search/?q={word}" for word in newsroom_data.VOCABULARY]
    rng.shuffle(searches)
    middle = story_paths[len(story_paths) // 2]
    return [
        ("article, cached", "cached", middle),
        ("article, rendered", "rendered", harness.write_paths(workdir / "articles.txt", articles)),
        ("article, rendered, its first view", "rendered",
         harness.write_paths(workdir / "first.txt", first_views)),
        ("article, rendered again, its parts kept", "parts kept",
         harness.write_paths(workdir / "again.txt", articles[:AGAIN])),
        ("home, cached", "cached", "/"),
        ("home, rendered", "rendered", "/"),
        ("section front, rendered", "rendered", harness.write_paths(workdir / "sections.txt", sections)),
        (f"search for “{newsroom_data.COMMON_WORD}” (every story), rendered", "rendered",
         f"/search/?q={newsroom_data.COMMON_WORD}"),
        ("search, one of 200 words, rendered", "rendered",
         harness.write_paths(workdir / "search.txt", searches)),
        ("RSS feed, rendered", "rendered", "/feeds/rss/"),
    ]  # fmt: skip


def drive(base, target, seconds, args, connections=None):
    connections = connections or args.connections
    threads = min(args.threads, connections)
    if isinstance(target, Path):
        return harness.wrk(base + "/", seconds, connections=connections, threads=threads, paths_file=target)
    return harness.wrk(base + target, seconds, connections=connections, threads=threads)


def figure(rps):
    """Requests per second, with a decimal when a page manages only a few."""
    return f"{rps:.1f}" if rps < 10 else f"{rps:.0f}"


def check_answers(base, target):
    path = target.read_text().split()[0] if isinstance(target, Path) else target
    status, _, body = harness.fetch(base + path, timeout=60)
    if status != 200:
        raise SystemExit(f"{base}{path} answered {status}; the benchmark needs 200")
    return body


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument(
        "--database-url",
        default=harness.DEFAULT_DATABASE_URL,
        help="a database of the benchmark's own: it is emptied (default: %(default)s)",
    )
    parser.add_argument(
        "--reuse", action="store_true", help="keep the database if it already holds --stories stories"
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--cache-url", help="CACHE_URL for the site (default: unset, the file cache)")
    args = parser.parse_args()  # fmt: skip

    newsroom_data.ensure_postgres_database(args.database_url)
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-wrk-"))
    # Without CACHE_URL the site's default cache is files: a folder of this run's own, empty.
    env = harness.site_env(args.database_url, CACHE_URL=args.cache_url, NEWSROOM_CACHE_DIR=workdir / "cache")
    story_paths, vendor = build(args, env)
    processes = harness.Processes()
    ports = {name: harness.free_port() for name in ("cached", "rendered", "parts kept", "ceiling")}
    bases = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
    try:
        processes.gunicorn("newsroom.wsgi", ports["cached"], env, workers=args.workers)
        uncached = {**env, "NEWSROOM_PAGE_CACHE_SECONDS": "0"}
        in_full = {**uncached, "NEWSROOM_ARTICLE_PARTS_SECONDS": "0"}
        processes.gunicorn("newsroom.wsgi", ports["rendered"], in_full, workers=args.workers)
        processes.gunicorn("newsroom.wsgi", ports["parts kept"], uncached, workers=args.workers)
        for name in ("cached", "rendered", "parts kept"):
            harness.wait_until_up(bases[name] + "/")
        rows = pages(story_paths, workdir)
        article = check_answers(bases["cached"], rows[0][2])
        (workdir / "page.html").write_bytes(article)
        ceiling_env = {**env, "CEILING_PAGE": str(workdir / "page.html")}
        processes.gunicorn("ceiling:application", ports["ceiling"], ceiling_env, workers=args.workers)
        harness.wait_until_up(bases["ceiling"] + "/")
        for _, server, target in rows:
            check_answers(bases[server], target)
            drive(bases[server], target, 2, args)  # warm up: caches, connections, workers
        for path in (workdir / "again.txt").read_text().split():
            harness.fetch(bases["parts kept"] + path, timeout=60)  # each story's parts kept once
        load_before = harness.load_average()
        results = {name: [] for name, _, _ in rows}
        for round_number in range(args.rounds):
            for name, server, target in rows:
                ceiling = drive(bases["ceiling"], target, args.duration, args)
                page = drive(bases[server], target, args.duration, args)
                results[name].append((page, ceiling))
                print(f"round {round_number + 1} {name}: {page['rps']:.0f} req/s, "
                      f"ceiling {ceiling['rps']:.0f}", file=sys.stderr, flush=True)  # fmt: skip
        load_after = harness.load_average()
        # Latency as one reader sees it, no request waiting behind another.
        alone = {name: drive(bases[server], target, args.duration, args, connections=1)
                 for name, server, target in rows if name in ONE_AT_A_TIME}  # fmt: skip
    finally:
        processes.stop_all()

    today = datetime.now(UTC).date().isoformat()
    print(f"\n{today}, {vendor}, {args.stories:,} stories, article page "
          f"{len(article):,} bytes; gunicorn --workers {args.workers} per server, wrk -t{args.threads} "
          f"-c{args.connections}, {args.duration} s per run, {args.rounds} rounds (medians shown); "
          f"cache {'CACHE_URL' if args.cache_url else 'files (the default)'}; "
          f"load average {load_before:.1f} before, {load_after:.1f} after\n")  # fmt: skip
    print("| page | requests | req/s | p50 ms | p99 ms | ceiling req/s | × ceiling | errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, runs in results.items():

        def median(key, runs=runs):
            return statistics.median(page[key] for page, _ in runs)

        ratio = statistics.median(page["rps"] / ceiling["rps"] for page, ceiling in runs)
        ratio_text = f"{ratio:.3f}" if ratio >= 0.001 else f"{ratio:.5f}"
        ceiling_rps = statistics.median(ceiling["rps"] for _, ceiling in runs)
        requests = sum(page["requests"] for page, _ in runs)
        errors = sum(page["non_2xx_3xx"] + page["socket_errors"] for page, _ in runs)
        print(f"| {name} | {requests:,} | {figure(median('rps'))} | {median('p50_ms'):.1f} "
              f"| {median('p99_ms'):.1f} | {ceiling_rps:.0f} | {ratio_text} | {errors} |")  # fmt: skip

    print(f"\nOne reader at a time (wrk -t1 -c1, {args.duration} s each):\n")
    print("| page | requests | p50 ms | p95 ms | p99 ms | errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, run in alone.items():
        print(f"| {name} | {run['requests']:,} | {run['p50_ms']:.1f} | {run['p95_ms']:.1f} | "
              f"{run['p99_ms']:.1f} | {run['non_2xx_3xx'] + run['socket_errors']} |")  # fmt: skip


if __name__ == "__main__":
    main()
