"""What `manage.py doctor` examines: a deployment's settings and the services it needs.

Each check returns Findings in plain words; a finding that is not ``ok`` says
what is wrong and what to do. The settings checks read only ``django.conf.settings``;
the service checks talk to the database and the cache, and never raise.
"""

from dataclasses import dataclass
from uuid import uuid4

from django.conf import settings
from django.core import checks
from django.core.cache import caches
from django.db import DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor

# Cache backends that each process keeps to itself.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}
# Cache backends that the processes of one machine share (the default: NEWSROOM_CACHE_DIR).
PER_MACHINE_CACHES = {
    "django.core.cache.backends.filebased.FileBasedCache",
    "newsroom.caches.CullingFileBasedCache",
}


@dataclass(frozen=True)
class Finding:
    ok: bool
    topic: str
    message: str


def fine(topic, message):
    return Finding(True, topic, message)


def wrong(topic, message):
    return Finding(False, topic, message)


def check_debug():
    if settings.DEBUG:
        return wrong("debug", "DEBUG is on: error pages show code and settings to anyone. Set DEBUG=false.")
    return fine("debug", "DEBUG is off.")


def check_secret_key():
    # With DEBUG off, settings.py has already refused a missing, short or development key.
    if settings.SECRET_KEY.startswith("django-insecure-"):
        return wrong("secret key", "SECRET_KEY is the development key, which is in the source code.")
    return fine("secret key", f"SECRET_KEY is set ({len(settings.SECRET_KEY)} characters).")


def check_hosts():
    hosts = settings.ALLOWED_HOSTS
    if not hosts:
        return wrong("hosts", "ALLOWED_HOSTS is empty: every request will be refused.")
    if "*" in hosts:
        return wrong("hosts", "ALLOWED_HOSTS contains '*', so any Host header is accepted: name the hosts.")
    local = {"localhost", "127.0.0.1", "[::1]", "testserver"}
    if set(hosts) <= local:
        return wrong(
            "hosts",
            f"ALLOWED_HOSTS names only this machine ({', '.join(hosts)}): "
            "add the public host name, e.g. ALLOWED_HOSTS=news.example.org.",
        )
    return fine("hosts", f"ALLOWED_HOSTS: {', '.join(hosts)}.")


def check_site_url():
    if not settings.NEWSROOM_SITE_URL:
        return wrong(
            "site address",
            "NEWSROOM_SITE_URL is not set: links in feeds and sitemaps follow each request's address. "
            "Set it to the public origin, e.g. https://news.example.org.",
        )
    return fine("site address", f"NEWSROOM_SITE_URL is {settings.NEWSROOM_SITE_URL}.")


def check_cache_backend():
    backend = settings.CACHES["default"]["BACKEND"]
    if backend in PER_PROCESS_CACHES:
        return wrong(
            "cache",
            "The cache lives inside each process, so several processes each keep their own page cache. "
            "Set CACHE_URL=redis://… to share one.",
        )
    if backend in PER_MACHINE_CACHES:
        return wrong(
            "cache",
            "The cache is files on this machine: its processes share it, but a second machine would "
            "keep its own page cache. Set CACHE_URL=redis://… to share one.",
        )
    return fine("cache", f"The cache is shared ({backend.rsplit('.', 1)[-1]}).")


def check_database_engine():
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine.endswith("sqlite3"):
        return wrong(
            "database",
            "The database is SQLite, a file on this machine that allows one writer at a time. "
            "Set DATABASE_URL=postgres://… for production.",
        )
    return fine("database", f"The database engine is {engine.rsplit('.', 1)[-1]}.")


# Django's HTTPS warnings all have the same remedy here.
TLS_CHECKS = {"security.W004", "security.W008", "security.W012", "security.W016"}


def check_deploy_checks():
    """Django's own `check --deploy` (Newsroom's checks are the findings above), one line each."""
    found = [
        message
        for message in checks.run_checks(include_deployment_checks=True)
        if message.level >= checks.WARNING and not message.is_silenced() and not message.id.startswith("ops.")
    ]
    if not found:
        return [fine("deploy checks", "manage.py check --deploy finds nothing.")]
    return [
        wrong(
            "deploy checks",
            f"{message.msg} ({message.id})"
            + (" Behind an HTTPS proxy, BEHIND_TLS_PROXY=true sets it." if message.id in TLS_CHECKS else ""),
        )
        for message in found
    ]


def check_database_service():
    connection = connections["default"]
    try:
        connection.ensure_connection()
        executor = MigrationExecutor(connection)
        unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return [wrong("database service", f"Cannot reach the database: {first_line}")]
    if unapplied:
        return [
            fine("database service", "The database answers."),
            wrong(
                "migrations",
                f"{len(unapplied)} migration(s) not applied (first: {unapplied[0][0]}). "
                "Run manage.py migrate.",
            ),
        ]
    return [fine("database service", "The database answers and every migration is applied.")]


def check_cache_service():
    cache = caches["default"]
    key = f"newsroom:doctor:{uuid4().hex}"
    try:
        cache.set(key, "ok", 10)
        answered = cache.get(key)
        cache.delete(key)
    # A cache client raises its own error types (redis.ConnectionError, OSError,
    # timeouts); the doctor reports whichever it is instead of dying on it.
    except Exception as error:
        return wrong("cache service", f"Cannot reach the cache: {type(error).__name__}: {error}")
    if answered != "ok":
        return wrong("cache service", "The cache accepted a value but did not give it back.")
    return fine("cache service", "The cache answers.")


def examine():
    """Every finding, settings first, then services."""
    findings = [
        check_debug(),
        check_secret_key(),
        check_hosts(),
        check_site_url(),
        check_cache_backend(),
        check_database_engine(),
    ]
    findings += check_deploy_checks()
    findings += check_database_service()
    findings.append(check_cache_service())
    return findings
