"""Health endpoints for load balancers and monitors; never cached, never telling secrets.

- ``/healthz``: the process answers. Touches no service, so a database or
  Redis outage never makes a load balancer kill healthy workers.
- ``/readyz``: every service this process needs is reachable: the database
  answers, every migration on disk is applied, and the cache takes a write
  and gives it back. 200 when all pass, 503 otherwise.

Both answer JSON such as ``{"status": "fail", "checks": {"database": "ok",
"migrations": "ok", "cache": "fail"}}``. Why a check failed (whose
messages can name hosts and users) goes to the log, not to the answer.
"""

import logging
from uuid import uuid4

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


def database_answers():
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def migrations_applied():
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


def cache_answers():
    # The default cache itself, which raises when Redis is unreachable (the
    # page cache's forgiving wrapper would hide that).
    key, token = "newsroom:readyz", uuid4().hex
    cache.set(key, token, 10)
    return cache.get(key) == token


CHECKS = {"database": database_answers, "migrations": migrations_applied, "cache": cache_answers}


def run_check(name, check):
    try:
        return "ok" if check() else "fail"
    except Exception:
        # Any failure means "not ready"; the details are for the log only.
        logger.warning("Readiness check %r failed", name, exc_info=True)
        return "fail"


@never_cache
def readyz(request):
    checks = {}
    for name, check in CHECKS.items():
        # Migrations cannot be read without the database; say so without waiting twice.
        skip = name == "migrations" and checks.get("database") == "fail"
        checks[name] = "fail" if skip else run_check(name, check)
    ready = all(result == "ok" for result in checks.values())
    return JsonResponse({"status": "ok" if ready else "fail", "checks": checks}, status=200 if ready else 503)
