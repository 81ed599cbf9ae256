"""A news day: readers under wrk while an editor saves and the wire lands, against a calm period.

    .venv/bin/python bench/news_day.py                          # 10,000 stories, 60 s calm, 120 s busy
    .venv/bin/python bench/news_day.py --stories 2000 --calm 30 --busy 70

Builds --stories stories (bench/newsroom_data.py), each with its "More on this"
kept, in a database of its own (default bench_newsday on the PostgreSQL at
127.0.0.1:5432, created if missing and emptied), starts a throwaway
redis-server on a free port as the cache and the site under gunicorn
(--workers 2, DEBUG off, page cache 60 s). Readers are wrk (bench/wrk_paths.lua)
cycling through 200,000 requests drawn in advance: 80% articles,
Zipf-distributed over the stories (the newest most read), 12% the home page,
8% the section fronts.

0. Warm-up: every distinct page of the readers' list is requested once (and
   then 5 s of readers), so that the calm period measures a site that has been
   up a while. Without it (--no-warm-every-page, as before) the calm period
   measured mostly first visits: with a Zipf long tail, a few thousand requests
   meet hundreds of pages for the first time, and the calm hit ratio was the
   share of repeat visits, whatever the cache did.
1. Calm: readers only, for --calm seconds.
2. Busy: readers for --busy seconds while
   - an editor (a separate Django process) changes the headline of one of the 20
     most-read stories every --edit-every seconds with a plain ``save()``, and
   - every --wire-every seconds 50 ninjs stories are written to a temporary
     folder and imported with ``manage.py import_stories --publish``.
   After each change the benchmark asks for the changed page (the story, or
   the home page for an import) on new connections, two per worker at a time,
   until every gunicorn worker has answered with the new headline (each response names its worker in
   ``X-Bench-Worker``, added by bench/site_wsgi.py): that is the time the change
   took to become visible, measured from the moment the save or the import
   command returned. A poll waits its turn at a worker behind the readers'
   requests, so the table also gives the same time counted to the *sending* of
   the first request answered with the change, and the stale answers: requests
   sent after the change that still got the page from before (the site's fault,
   where the queueing is the machine's load).

The page-cache hit ratio is taken from the responses' ``X-Cache`` header when
the site sends one. Otherwise it is counted in Redis: every page the site
stores is a miss that rendered (keyspace notifications on keys matching
--page-key-glob), and hit ratio = 1 - stores / requests. A miss whose page was
not stored (an error, a page never cached) would count as a hit, so the table
also gives Redis's own keyspace misses (every cache read that found nothing,
pages or not), whose ratio to requests bounds the miss ratio from above.
"""

import argparse
import random
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import harness
import newsroom_data

EDITOR = """
import sys, time
import django
django.setup()
from articles.models import Story
print("ready", flush=True)
for line in sys.stdin:
    pk, marker = line.split()
    story = Story.objects.get(pk=int(pk))
    story.headline = f"{story.headline.split(' update ')[0][:200]} update {marker}"
    story.save()
    print("saved", pk, time.time(), flush=True)
"""


def reader_paths(story_paths, count, seed=3):
    """``count`` requests: Zipf over the stories (newest most read), plus the fronts."""
    rng = random.Random(seed)
    weights = [1 / rank for rank in range(1, len(story_paths) + 1)]
    fronts = [f"/{desk}/" for desk in newsroom_data.DESKS]
    kinds = rng.choices(["article", "home", "section"], weights=[80, 12, 8], k=count)
    articles = iter(rng.choices(story_paths, weights=weights, k=count))
    paths = {"home": lambda: "/", "section": lambda: rng.choice(fronts), "article": lambda: next(articles)}
    return [paths[kind]() for kind in kinds]


class Visibility:
    """Times from a change to its being served by every worker, found by polling on new connections.

    Each poll is timed from the moment it was sent: a request sent after the change
    that still got the old page is a *stale answer* (the site's fault), while the
    time a correct answer spends queued behind the readers' requests is the
    machine's load (a poll waits its turn at a gunicorn worker like any reader).
    Both are reported: ``visible after`` (the first answer carrying the change,
    on the last worker to give one, when it arrived), and the same counted to
    when that request was *sent*.
    """

    def __init__(self, base, workers, timeout=30):
        self.base, self.workers, self.timeout = base, workers, timeout
        self.results = []  # (kind, seconds until answered or None, seconds until sent or None, stale answers)
        self.requests = 0
        self.threads = []
        self.lock = threading.Lock()

    def watch(self, kind, path, marker, since):
        thread = threading.Thread(target=self._poll, args=(kind, path, marker.encode(), since))
        thread.start()
        self.threads.append(thread)

    def _poll(self, kind, path, marker, since):
        answered, sent_at = {}, {}
        stale = 0
        deadline = time.time() + self.timeout
        # Each round asks on 2 new connections per worker at once: which worker takes a
        # connection is the kernel's choice, and asking one at a time took several
        # rounds, each waiting behind the readers, before every worker had answered.
        with ThreadPoolExecutor(2 * self.workers) as pool:
            while time.time() < deadline and len(answered) < self.workers:
                round_ = pool.map(self._timed_fetch, [path] * 2 * self.workers)
                for sent, received, (status, headers, body) in round_:
                    worker = headers.get("X-Bench-Worker")
                    if status == 200 and marker in body:
                        if worker not in answered:
                            answered[worker], sent_at[worker] = received, sent
                    elif sent > since:
                        stale += 1
                time.sleep(0.02)
        if len(answered) >= self.workers:
            result = (max(answered.values()) - since, max(0.0, max(sent_at.values()) - since))
        else:
            result = (None, None)
        with self.lock:
            self.results.append((kind, *result, stale))

    def _timed_fetch(self, path):
        sent = time.time()
        answer = harness.fetch(self.base + path)
        with self.lock:
            self.requests += 1
        return sent, time.time(), answer

    def join(self):
        for thread in self.threads:
            thread.join()


def warm_up(base, paths, concurrency):
    """Request every distinct reader path once, so that the calm period measures a warm
    cache (a site that has been up a while) rather than its first visits."""
    distinct = list(dict.fromkeys(paths))
    started = time.monotonic()
    with ThreadPoolExecutor(concurrency) as pool:
        statuses = list(pool.map(lambda path: harness.fetch(base + path, timeout=60)[0], distinct))
    failed = sum(1 for status in statuses if status >= 500)
    return len(distinct), time.monotonic() - started, failed


class PageStores:
    """Counts the pages the site writes to Redis (keyspace notifications) while running."""

    def __init__(self, port, glob):
        import redis

        self.client = redis.Redis(host="127.0.0.1", port=port)
        self.pubsub = self.client.pubsub()
        self.pubsub.psubscribe(f"__keyspace@0__:{glob}")
        self.count = 0
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._listen, daemon=True)
        self.thread.start()

    def _listen(self):
        while not self.stopping.is_set():
            message = self.pubsub.get_message(timeout=0.5)
            if message and message["type"] == "pmessage" and message["data"] == b"set":
                self.count += 1

    def snapshot(self):
        misses = self.client.info("stats")["keyspace_misses"]
        return {"stores": self.count, "keyspace_misses": misses}

    def stop(self):
        self.stopping.set()
        self.thread.join()
        self.pubsub.close()


def editor_loop(editor, story_ids, story_urls, every, visibility, stop, saved):
    rng = random.Random(5)
    next_at = time.monotonic() + every / 2
    while not stop.wait(max(0, next_at - time.monotonic())):
        next_at += every
        index = rng.randrange(len(story_ids))
        marker = f"edit{uuid.uuid4().hex[:10]}"
        editor.stdin.write(f"{story_ids[index]} {marker}\n")
        editor.stdin.flush()
        reply = editor.stdout.readline().split()
        if not reply or reply[0] != "saved":
            raise SystemExit(f"the editor process stopped: {reply}")
        saved.append(float(reply[2]))
        visibility.watch("editor's save", story_urls[index], marker, float(reply[2]))


def wire_loop(processes, env, workdir, every, visibility, stop, imports, busy_ends):
    rng = random.Random(11)
    number = 0
    next_at = time.monotonic() + 5
    while not stop.wait(max(0, next_at - time.monotonic())) and time.monotonic() < busy_ends - 15:
        next_at += every
        now = datetime.now(UTC)
        folder = workdir / f"wire-{len(imports)}"
        stories = []
        for _ in range(50):
            number += 1
            stories.append(newsroom_data.ninjs_story(
                rng, 900_000 + number, created=now - timedelta(seconds=30), updated=now,
                uri_prefix=f"urn:bench:wire:{workdir.name}",
            ))  # fmt: skip
        newsroom_data.write_ninjs(folder, stories)
        started = time.time()
        command = processes.start(
            [harness.PYTHON, "manage.py", "import_stories", str(folder), "--publish"],
            cwd=harness.PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        _, errors = command.communicate(timeout=300)
        finished = time.time()
        processes.stop(command)
        if command.returncode:
            raise SystemExit(f"import_stories failed:\n{errors[-2000:]}")
        imports.append(finished - started)
        # The home page leads with the newest stories; any of this import's headlines will do.
        visibility.watch("wire import", "/", f"({900_000 + number})", finished)


def build(args, env):
    harness.setup_django(env)
    from django.db import connection

    from articles.models import Story

    print(f"building {args.stories:,} stories…", file=sys.stderr)
    newsroom_data.reset_database()
    newsroom_data.populate(args.stories, progress=False)
    # A site up a while has every story's "More on this" kept (its Celery worker scored
    # each as it went live); otherwise each first view during the warm-up scores one, and
    # a first scoring forgets the pages of the stories it picks.
    started = time.monotonic()
    kept = newsroom_data.keep_suggestions(every=1)
    print(f"kept “More on this” of {kept:,} stories in {time.monotonic() - started:.0f} s", file=sys.stderr)
    story_urls = newsroom_data.story_paths()
    story_ids = list(Story.objects.published().latest_first().values_list("pk", flat=True)[:20])
    vendor = connection.vendor
    connection.close()
    subprocess.run([harness.PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"],
                   cwd=harness.PROJECT, env=env, check=True)  # fmt: skip
    return story_urls, story_ids, vendor


def period(name, base, paths_file, seconds, args, stores):
    before = stores.snapshot()
    result = harness.wrk(base + "/", seconds, connections=args.connections, threads=args.threads,
                         paths_file=paths_file, count=True)  # fmt: skip
    after = stores.snapshot()
    result.update(name=name, seconds=seconds, **{k: after[k] - before[k] for k in after})
    return result


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/bench_newsday",
        help="a database of the benchmark's own: it is emptied (default: %(default)s)",
    )
    parser.add_argument("--calm", type=int, default=60, help="seconds of readers only")
    parser.add_argument("--busy", type=int, default=120, help="seconds of readers, editor and wire")
    parser.add_argument("--edit-every", type=float, default=5)
    parser.add_argument("--wire-every", type=float, default=60)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--gunicorn-threads", type=int, default=1,
                        help="requests a worker serves at once (gunicorn --threads)")  # fmt: skip
    parser.add_argument("--warm-every-page", action=argparse.BooleanOptionalAction, default=True,
                        help="before the calm period, request every page the readers will ask for "
                             "once (default: yes; --no-warm-every-page: only 5 s of readers)")  # fmt: skip
    parser.add_argument(
        "--page-key-glob",
        default="*newsroom:page:*",
        help="Redis keys of cached pages, to count stores (default: %(default)s)",
    )
    args = parser.parse_args()  # fmt: skip

    newsroom_data.ensure_postgres_database(args.database_url)
    processes = harness.Processes()
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-day-"))
    redis_port, site_port = harness.free_port(), harness.free_port()
    env = harness.site_env(args.database_url, CACHE_URL=f"redis://127.0.0.1:{redis_port}/0",
                           NEWSROOM_PAGE_CACHE_SECONDS=60)  # fmt: skip
    base = f"http://127.0.0.1:{site_port}"
    stop = threading.Event()
    try:
        # The cache first: building the newsroom already tells it of the changes.
        processes.redis(redis_port)
        story_urls, story_ids, vendor = build(args, env)
        paths = reader_paths(story_urls, 200_000)
        paths_file = harness.write_paths(workdir / "readers.txt", paths)
        processes.gunicorn("site_wsgi:application", site_port, env, workers=args.workers,
                           threads=args.gunicorn_threads)  # fmt: skip
        harness.wait_until_up(base + "/")
        stores = PageStores(redis_port, args.page_key_glob)
        editor = processes.start([harness.PYTHON, "-c", EDITOR], cwd=harness.PROJECT, env=env, text=True,
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE)  # fmt: skip
        if editor.stdout.readline().strip() != "ready":
            raise SystemExit("the editor process did not start")

        warmed = None
        if args.warm_every_page:
            warmed = warm_up(base, paths, args.connections)
        harness.wrk(base + "/", 5, connections=args.connections, paths_file=paths_file)  # warm up
        calm = period("calm", base, paths_file, args.calm, args, stores)

        visibility = Visibility(base, args.workers)
        saved, imports = [], []
        busy_ends = time.monotonic() + args.busy
        loops = [
            threading.Thread(target=editor_loop,
                             args=(editor, story_ids, story_urls, args.edit_every, visibility, stop, saved)),
            threading.Thread(target=wire_loop,
                             args=(processes, env, workdir, args.wire_every, visibility, stop, imports,
                                   busy_ends)),
        ]  # fmt: skip
        for loop in loops:
            loop.start()
        busy = period("busy", base, paths_file, args.busy, args, stores)
        stop.set()
        for loop in loops:
            loop.join()
        visibility.join()
        stores.stop()
    finally:
        stop.set()
        processes.stop_all()

    today = datetime.now(UTC).date().isoformat()
    print(f"\n{today}, {vendor}, {args.stories:,} stories, Redis cache, gunicorn "
          f"--workers {args.workers} --threads {args.gunicorn_threads}, wrk -t{args.threads} "
          f"-c{args.connections}; busy: a save every "
          f"{args.edit_every:g} s, 50 wire stories every {args.wire_every:g} s; "
          f"load average {harness.load_average():.1f} at the end\n")  # fmt: skip
    if warmed is not None:
        print(f"warm-up: every distinct reader page once ({warmed[0]:,} pages) in {warmed[1]:.0f} s, "
              f"{warmed[2]} 5xx\n")  # fmt: skip
    header_seen = calm["x_cache_seen"] + busy["x_cache_seen"]
    method = "X-Cache header" if header_seen else "Redis: pages stored / requests"
    print(f"| period | seconds | requests | req/s | p50 ms | p99 ms | 5xx | other errors "
          f"| hit ratio ({method}) | Redis keyspace misses / requests |")  # fmt: skip
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for result in (calm, busy):
        requests = result["requests"]
        if header_seen:
            hit_ratio = result["x_cache_hits"] / max(1, result["counted"])
        else:
            polls = visibility.requests if result is busy else 0
            hit_ratio = 1 - result["stores"] / max(1, requests + polls)
        other = result["non_2xx_3xx"] - result["status_5xx"] + result["socket_errors"]
        print(f"| {result['name']} | {result['seconds']} | {requests:,} | {result['rps']:.0f} "
              f"| {result['p50_ms']:.1f} | {result['p99_ms']:.1f} | {result['status_5xx']} | {other} "
              f"| {hit_ratio:.1%} | {result['keyspace_misses'] / max(1, requests):.1%} |")  # fmt: skip
    print(f"\nbusy / calm: throughput {busy['rps'] / calm['rps']:.2f}, "
          f"p99 {busy['p99_ms'] / calm['p99_ms']:.2f}\n")  # fmt: skip
    print("| change | count | median visible after (s) | longest (s) | longest, to the request's sending (s) "
          "| stale answers sent after the change | not visible on every worker in 30 s |")  # fmt: skip
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for kind in ("editor's save", "wire import"):
        found = [result for result in visibility.results if result[0] == kind]
        times = sorted(answered for _, answered, _, _ in found if answered is not None)
        sent = sorted(sent for _, _, sent, _ in found if sent is not None)
        missing = sum(1 for _, answered, _, _ in found if answered is None)
        stale = sum(count for *_, count in found)
        median = f"{times[len(times) // 2]:.2f}" if times else "—"
        longest = f"{times[-1]:.2f}" if times else "—"
        longest_sent = f"{sent[-1]:.2f}" if sent else "—"
        print(f"| {kind} | {len(found)} | {median} | {longest} | {longest_sent} | {stale} | {missing} |")
    if imports:
        print(f"\nwire imports took {min(imports):.1f}–{max(imports):.1f} s each (50 stories, a new process)")


if __name__ == "__main__":
    main()
