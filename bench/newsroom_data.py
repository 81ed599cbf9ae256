"""A newsroom of realistic size for the benchmarks, and wire copy to import into it.

Stories are shaped like the reference story (``shared/samples/text/reference-story.txt``):
a ten-word headline, a standfirst, twelve paragraphs of 20-50 words with two
subheadings, two bylines from 200 reporters, three to five of 2,000 topics, one
credited outlet, and two related links (an earlier story of ours and an external
report). Every standfirst contains the word "city", so a search for it matches
the whole archive (the worst case for search).

Stories go in through ``Story.objects.create_many()`` (sanitised body, word
count and, on PostgreSQL, search vectors, as an import would); bylines, topics,
sources and links are written with ``COPY`` on PostgreSQL (``bulk_create``
elsewhere), so 100,000 stories load in minutes.
"""

import json
import random
import subprocess
import sys
from datetime import UTC, datetime, timedelta

VOCABULARY = [
    "council", "harbour", "budget", "election", "minister", "market", "climate", "storm", "bridge",
    "school", "hospital", "transit", "court", "inquiry", "treaty", "ceasefire", "summit", "league",
    "final", "museum", "festival", "research", "vaccine", "energy", "wind", "solar", "ferry", "port",
    "union", "strike", "tariff", "mayor", "river", "flood", "drought", "harvest", "farmers", "railway",
    "airport", "police", "verdict", "appeal", "senate", "parliament", "coalition", "opposition",
    "protest", "reform", "pension", "housing", "rent", "wages", "inflation", "interest", "bank",
    "lending", "exports", "imports", "factory", "workers", "teachers", "nurses", "doctors", "patients",
    "ambulance", "emergency", "wildfire", "evacuation", "rescue", "coastguard", "fishing", "fleet",
    "quota", "science", "telescope", "satellite", "launch", "orbit", "laboratory", "university",
    "students", "exam", "results", "scholarship", "library", "theatre", "concert", "orchestra",
    "gallery", "exhibition", "novel", "award", "prize", "champion", "coach", "stadium", "season",
    "transfer", "injury", "referee", "goal", "match", "tournament", "cyclist", "marathon", "record",
    "investors", "shares", "profit", "losses", "merger", "takeover", "regulator", "competition",
    "prices", "consumers", "supermarket", "diesel", "electricity", "grid", "turbine", "battery",
    "vehicles", "traffic", "congestion", "cycling", "lanes", "pedestrians", "planning", "permit",
    "developers", "tower", "heritage", "cathedral", "district", "neighbourhood", "residents",
    "volunteers", "charity", "donations", "shelter", "refugees", "border", "customs", "embassy",
    "diplomats", "negotiations", "sanctions", "troops", "security", "intelligence", "cyberattack",
    "hackers", "data", "privacy", "software", "startup", "chips", "smartphone", "network", "outage",
    "broadband",
]  # fmt: skip
COMMON_WORD = "city"  # in every standfirst: a search for it matches every story
DESKS = ["world", "politics", "business", "technology", "science", "culture", "sport", "local"]
OUTLETS = ["Reuters", "Associated Press", "Harbour Gazette", "The Guardian", "Agence France-Presse"]
AUTHORS = 200
TOPICS = 2000
BATCH = 1000
MINUTES_APART = 15  # about 96 stories a day: 100,000 stories reach back almost three years


def words(rng, count):
    return " ".join(rng.choice(VOCABULARY) for _ in range(count))


def sentence(rng, count):
    text = words(rng, count)
    return text[0].upper() + text[1:] + "."


def story_body(rng):
    blocks = []
    for n in range(12):
        if n in (4, 8):
            blocks.append(f"<h2>{sentence(rng, 4)[:-1]}:</h2>")
        blocks.append(f"<p>{sentence(rng, rng.randint(20, 50))}</p>")
    return "".join(blocks)


def headline(rng, number):
    return f"{sentence(rng, 9)[:-1]} {number}"


def dek(rng):
    return f"{sentence(rng, 10)[:-1]} in the {COMMON_WORD}, {words(rng, 10)}."


def reset_database():
    """Start from an empty, migrated database (the benchmark's own: everything in it is dropped)."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    else:
        call_command("flush", "--no-input", verbosity=0)
    call_command("migrate", verbosity=0)


def ensure_postgres_database(url):
    """Create the database ``url`` names on its server if it does not exist yet."""
    if not url.startswith(("postgres://", "postgresql://")):
        return
    base, name = url.rsplit("/", 1)
    exists = subprocess.run(
        ["psql", f"{base}/postgres", "-Atc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    if not exists:
        subprocess.run(["psql", f"{base}/postgres", "-qc", f'CREATE DATABASE "{name}"'], check=True)


def populate(stories, *, seed=7, progress=True):
    """Fill an empty database with ``stories`` published stories and what they refer to."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils.text import slugify
    from taggit.models import Tag, TaggedItem

    from articles.models import Author, Byline, Outlet, RelatedLink, Section, SourceAttribution, Story

    rng = random.Random(seed)
    sections = Section.objects.bulk_create(
        Section(name=name.title(), slug=name, order=n) for n, name in enumerate(DESKS)
    )
    authors = Author.objects.bulk_create(
        Author(name=f"Reporter {n}", slug=f"reporter-{n}") for n in range(AUTHORS)
    )
    topics = Tag.objects.bulk_create(Tag(name=f"topic {n}", slug=f"topic-{n}") for n in range(TOPICS))
    outlets = [Outlet.objects.get_or_create(name=name)[0] for name in OUTLETS]
    story_type = ContentType.objects.get_for_model(Story).pk
    now = datetime.now(UTC)
    earlier_ids = []
    # The oldest first, so "an earlier story of ours" already exists when linked to.
    for start in range(stories - 1, -1, -BATCH):
        numbers = range(start, max(start - BATCH, -1), -1)
        batch = []
        for n in numbers:
            published = now - timedelta(minutes=MINUTES_APART * n + 1)
            title = headline(rng, n)
            batch.append(Story(
                headline=title, slug=f"{slugify(title)[:80]}-{n}", dek=dek(rng), body=story_body(rng),
                section=rng.choice(sections), status=Story.Status.PUBLISHED,
                publish_at=published, first_published_at=published,
            ))  # fmt: skip
        created = Story.objects.create_many(batch)
        bylines, tagged, sources, links = [], [], [], []
        for story in created:
            for position, author in enumerate(rng.sample(authors, 2)):
                bylines.append((story.pk, author.pk, position))
            for topic in rng.sample(topics, rng.randint(3, 5)):
                tagged.append((topic.pk, story_type, story.pk))
            sources.append((story.pk, rng.choice(outlets).pk, "", 0))
            if earlier_ids:
                links.append((story.pk, 0, rng.choice(earlier_ids), "", "", ""))
            links.append((story.pk, 1, None, sentence(rng, 8)[:-1],
                          f"https://example.org/report/{story.pk}", rng.choice(OUTLETS)))  # fmt: skip
        write_rows(Byline, ["story_id", "author_id", "position"], bylines)
        write_rows(TaggedItem, ["tag_id", "content_type_id", "object_id"], tagged)
        write_rows(SourceAttribution, ["story_id", "outlet_id", "url", "position"], sources)
        write_rows(RelatedLink, ["story_id", "position", "target_id", "title", "url", "outlet_name"], links)
        earlier_ids.extend(story.pk for story in created)
        if progress:
            print(f"  {len(earlier_ids):,} / {stories:,} stories", file=sys.stderr, flush=True)
    if connection.vendor == "postgresql":
        # Bulk-loaded tables have no planner statistics yet; autovacuum would
        # gather them within a minute in production, so do it now.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def write_rows(model, columns, rows):
    """Insert ``rows`` (tuples in the order of ``columns``) into ``model``'s table in one go."""
    from django.db import connection

    if not rows:
        return
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(model._meta.db_table)
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
    else:
        model.objects.bulk_create([model(**dict(zip(columns, row, strict=True))) for row in rows], 2000)


def story_paths():
    """Every public story's address, newest first."""
    from articles.models import Story

    stories = Story.objects.published().select_related("section").only("slug", "publish_at", "section__slug")
    return [story.get_absolute_url() for story in stories.order_by("-publish_at", "-pk")]


def keep_suggestions(every):
    """Score and keep "More on this" for every ``every``-th public story, newest first, as a
    story's first view does (articles/suggestions.py), and for no other: the stories a
    benchmark reads as articles viewed before, the others never viewed."""
    from articles import suggestions
    from articles.models import Story, Suggestion

    wanted = set(Story.objects.published().latest_first().values_list("pk", flat=True)[::every])
    Suggestion.objects.exclude(story__in=wanted).delete()
    stories = suggestions.needing_scores().filter(pk__in=wanted)
    kept = 0
    for story in stories.iterator(chunk_size=500):
        suggestions.score(story, previous=[], announce=False)
        kept += 1
    return kept


def ninjs_story(rng, number, *, created=None, updated=None, uri_prefix="urn:bench:story"):
    """One ninjs 3.x story as ``import_stories`` reads it (the import benchmark's and the wire's).

    ``created`` becomes its publish time, ``updated`` its updated time."""
    created = created or datetime(2026, 1, 2, 9, tzinfo=UTC)
    updated = updated or created + timedelta(hours=1)
    paragraphs = [f"<p>{' '.join(sentence(rng, 14) for _ in range(3))}</p>" for _ in range(rng.randint(4, 6))]
    paragraphs.insert(2, f"<h2>{sentence(rng, 4)[:-1]}</h2>")
    paragraphs.append("<ul><li>" + "</li><li>".join(sentence(rng, 5) for _ in range(3)) + "</li></ul>")
    desk = rng.choice(DESKS)
    authors = sorted({f"Reporter {rng.randint(1, 300)}" for _ in range(rng.randint(1, 2))})
    return {
        "standard": {"name": "ninjs", "version": "3.1"},
        "uri": f"{uri_prefix}:{number}",
        "type": "text",
        "version": "1",
        "versionCreated": updated.isoformat(),
        "firstCreated": created.isoformat(),
        "pubStatus": "usable",
        "headlines": [{"role": "main", "value": _fitting_headline(sentence(rng, 8)[:-1], f" ({number})")}],
        "descriptions": [{"role": "summary", "value": sentence(rng, 14)}],
        "by": " and ".join(authors),
        "bodies": [{"role": "main", "contentType": "text/html", "value": "".join(paragraphs)}],
        "subjects": [{"name": desk.title(), "rel": "section", "literal": desk}]
        + [{"name": f"topic {rng.randint(1, 500)}", "rel": "about"} for _ in range(3)],
        "infoSources": [{"name": rng.choice(OUTLETS)}],
    }


def _fitting_headline(text, suffix, limit=90):
    """Within the publish checklist's headline length (articles/checklist.py), or the story
    would not publish and the import would report it as a failure."""
    return text[: limit - len(suffix)].rstrip() + suffix


def write_ninjs(folder, stories):
    """Write each story to ``folder`` as a file of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    for n, story in enumerate(stories):
        (folder / f"{n:06d}.json").write_text(json.dumps(story), encoding="utf-8")
