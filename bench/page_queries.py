"""Where a rendered public page spends its time: wall time, queries and their plans.

    .venv/bin/python bench/page_queries.py                        # the bench_newsroom database
    .venv/bin/python bench/page_queries.py --explain 20           # EXPLAIN ANALYZE every query over 20 ms
    .venv/bin/python bench/page_queries.py --only article --profile   # pyinstrument, Python time

Renders every public page type in this process through Django's test client,
with the page cache off (NEWSROOM_PAGE_CACHE_SECONDS=0), against an existing
benchmark database (bench/http_wrk.py builds it; this script only reads it).
Each page is asked for --repeat times; article pages use a different story
each time: stories viewed before (their "More on this" kept, scored here
first), and stories never viewed, whose list each request scores and keeps.
Prints one Markdown row per page: median and worst wall time, queries, and the
time the database took for them, and the slowest query's first words.
"""

import argparse
import statistics
import sys
import time

import harness


def page_paths(repeat):
    """(name, [paths]) for every public page type, from what the database holds."""
    from django.urls import reverse
    from taggit.models import Tag

    from articles import suggestions
    from articles.models import Author, Section, Story

    stories = Story.objects.published().latest_first()
    total = stories.count()
    step = max(1, total // (repeat + 1))
    viewed = list(stories.select_related("section")[step::step][:repeat])
    for story in viewed:  # viewed before: "More on this" kept (articles/suggestions.py)
        if not story.suggestions.exists():
            suggestions.score(story, previous=[], announce=False)
    articles = [story.get_absolute_url() for story in viewed]
    never_viewed = stories.filter(suggestions__isnull=True).select_related("section")
    first_views = [story.get_absolute_url() for story in never_viewed[step // 2 :: step][:repeat]]
    middle = stories[total // 2]
    day = middle.publish_at
    section = Section.objects.order_by("pk").first()
    tag = Tag.objects.filter(taggit_taggeditem_items__isnull=False).order_by("pk").first()
    author = Author.objects.filter(bylines__isnull=False).order_by("pk").first()
    return [
        ("article", articles),
        ("article, its first view", first_views),
        ("home", ["/"]),
        ("section front", [f"/{section.slug}/"]),
        ("section front, last page", [f"/{section.slug}/?page=50"]),
        ("tag", [reverse("frontend:tag", kwargs={"slug": tag.slug})]),
        ("author", [reverse("frontend:author", kwargs={"slug": author.slug})]),
        ("search, every story", ["/search/?q=city"]),
        ("search, one word", ["/search/?q=harbour"]),
        ("RSS feed", ["/feeds/rss/"]),
        ("section feed", [f"/feeds/section/{section.slug}/rss/"]),
        ("tag feed", [f"/feeds/tag/{tag.slug}/rss/"]),
        ("author feed", [f"/feeds/author/{author.slug}/rss/"]),
        ("sitemap index", ["/sitemap.xml"]),
        ("sitemap of stories", ["/sitemap-stories.xml"]),
        ("sitemap of stories, page 20", ["/sitemap-stories.xml?p=20"]),
        ("sitemap of tags", ["/sitemap-tags.xml"]),
        ("sitemap of authors", ["/sitemap-authors.xml"]),
        ("sitemap of sections", ["/sitemap-sections.xml"]),
        ("news sitemap", ["/sitemap-news.xml"]),
        ("archive index", ["/archive/"]),
        ("archive year", [f"/archive/{day.year}/"]),
        ("archive month", [f"/archive/{day.year}/{day.month}/"]),
        ("archive day", [f"/archive/{day.year}/{day.month}/{day.day}/"]),
    ]


def explain(connection, sql):
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN ANALYZE " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def measure(client, name, paths, repeat, args):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    walls, sql_ms, counts, slowest, dear = [], [], [], (0.0, ""), []
    for n in range(repeat):
        path = paths[n % len(paths)]
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path, HTTP_HOST="127.0.0.1")
            walls.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            sys.exit(f"{path} answered {response.status_code}")
        times = [float(query["time"]) * 1000 for query in captured.captured_queries]
        sql_ms.append(sum(times))
        counts.append(len(times))
        for ms, query in zip(times, captured.captured_queries, strict=True):
            if ms > slowest[0]:
                slowest = (ms, query["sql"])
            if args.explain is not None and ms >= args.explain and query["sql"] not in {q for _, q in dear}:
                dear.append((ms, query["sql"]))
    for ms, sql in dear:
        # Django's SQL as sent, parameters inlined, run again under EXPLAIN ANALYZE.
        print(f"\n=== {name} ({ms:.1f} ms)\n{sql[:3000]}\n{explain(connection, sql)}", file=sys.stderr)
    return {
        "name": name,
        "median": statistics.median(walls),
        "worst": max(walls),
        "queries": max(counts),
        "sql": statistics.median(sql_ms),
        "slowest": slowest,
    }


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=harness.DEFAULT_DATABASE_URL)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", help="only pages whose name contains this")
    parser.add_argument("--explain", type=float, metavar="MS", help="EXPLAIN ANALYZE queries over MS ms")
    parser.add_argument("--profile", action="store_true", help="pyinstrument over the pages' requests")
    args = parser.parse_args()
    # Plain static names: this process has no collected manifest, and looking names up costs little.
    env = harness.site_env(args.database_url, NEWSROOM_PAGE_CACHE_SECONDS=0, NEWSROOM_PLAIN_STATIC="true")
    harness.setup_django(env)
    from django.db import connection
    from django.test import Client

    from articles.models import Story

    client = Client()
    client.get("/", HTTP_HOST="127.0.0.1")  # the first request of a process loads templates and URLs
    pages = [
        (name, paths)
        for name, paths in page_paths(args.repeat)
        if paths and (not args.only or args.only in name)  # no first views left: every story was viewed
    ]
    profiler = None
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler()
        profiler.start()
    rows = [measure(client, name, paths, args.repeat, args) for name, paths in pages]
    if profiler:
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False), file=sys.stderr)
    print(f"{connection.vendor}, {Story.objects.count():,} stories, page cache off, "
          f"{args.repeat} requests per page; load average {harness.load_average()}\n")  # fmt: skip
    print("| page | median ms | worst ms | queries | SQL ms (median) | slowest query |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    for row in rows:
        ms, sql = row["slowest"]
        print(f"| {row['name']} | {row['median']:.1f} | {row['worst']:.1f} | {row['queries']} | "
              f"{row['sql']:.1f} | {ms:.1f} ms `{sql[:60]}…` |")  # fmt: skip


if __name__ == "__main__":
    main()
