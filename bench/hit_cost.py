"""What answering a cached page costs in one process: through Django, from the hot pages, and the ceiling.

    .venv/bin/python bench/hit_cost.py                      # the bench_newsroom database
    .venv/bin/python bench/hit_cost.py --database-url postgres://postgres@127.0.0.1:5432/bench_newsroom_100k

Calls the site's WSGI application (``newsroom.wsgi``) directly, as gunicorn
would, with no HTTP in between, for an article and the home page of an
existing benchmark database (bench/http_wrk.py builds it; this script only
reads it), with the default file cache in a folder of its own:

- "through Django": a fresh hit of the page cache with the hot pages off
  (``NEWSROOM_HOT_PAGES_BYTES=0``), answered by ``CachedPageMiddleware``;
- "hot": the same request answered from the process's memory
  (frontend/hot_pages.py);
- "ceiling": bench/ceiling.py's bare Django view answering with the same bytes,
  in a process of its own (it configures Django its own way).

Prints microseconds per request, the median of --rounds rounds of --requests each.
"""

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import harness
import newsroom_data


def environ(path):
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }


def call(application, path):
    """One request; (status line, headers, body)."""
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)

    body = application(environ(path), start_response)
    try:
        content = b"".join(body)
    finally:
        if hasattr(body, "close"):
            body.close()
    return answer["status"], answer["headers"], content


def microseconds(application, path, requests, rounds):
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        for _ in range(requests):
            call(application, path)
        times.append((time.perf_counter() - started) / requests * 1e6)
    return statistics.median(times)


CEILING = """
import json, sys, time
sys.path.insert(0, {bench!r})
import hit_cost, ceiling
requests, rounds = {requests}, {rounds}
print(json.dumps(hit_cost.microseconds(ceiling.application, "/", requests, rounds)))
"""


def ceiling_microseconds(page_bytes, requests, rounds):
    with tempfile.NamedTemporaryFile(suffix=".html") as page:
        page.write(page_bytes)
        page.flush()
        script = CEILING.format(bench=str(harness.BENCH), requests=requests, rounds=rounds)
        env = {**os.environ, "CEILING_PAGE": page.name}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        result = subprocess.run([harness.PYTHON, "-c", script], env=env, capture_output=True, text=True,
                                check=True)  # fmt: skip
    return json.loads(result.stdout.split()[-1])


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=harness.DEFAULT_DATABASE_URL)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    cache_dir = Path(tempfile.mkdtemp(prefix="newsroom-hit-cost-"))
    env = harness.site_env(args.database_url, NEWSROOM_CACHE_DIR=cache_dir)
    harness.setup_django(env)
    from django.test import override_settings

    from newsroom.wsgi import application

    paths = newsroom_data.story_paths()
    pages = [("article", paths[len(paths) // 2]), ("home", "/")]
    print("| page | bytes | through Django µs | hot µs | ceiling µs |\n| --- | ---: | ---: | ---: | ---: |")
    try:
        for name, path in pages:
            for _ in range(3):  # a miss, then hits
                status, headers, content = call(application, path)
            if headers.get("X-Cache") != "hit":
                raise SystemExit(f"{path} answered {status}, X-Cache {headers.get('X-Cache')}: not a hit")
            with override_settings(NEWSROOM_HOT_PAGES_BYTES=0):
                through_django = microseconds(application, path, args.requests, args.rounds)
            hot = microseconds(application, path, args.requests, args.rounds)
            ceiling = ceiling_microseconds(content, args.requests, args.rounds)
            print(f"| {name} | {len(content):,} | {through_django:.0f} | {hot:.0f} | {ceiling:.0f} |")
    finally:
        shutil.rmtree(cache_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
