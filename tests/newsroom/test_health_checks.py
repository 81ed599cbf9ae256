"""/healthz and /readyz, as a load balancer or a monitor reads them."""

import pytest
from django.core.management import call_command

from tests.outages import database_down, unreachable_redis_caches

pytestmark = pytest.mark.django_db


def test_healthz_says_the_process_is_alive_even_while_the_database_is_down(client):
    with database_down():
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_is_ok_when_every_service_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "cache": "ok"},
    }


def test_readyz_fails_while_the_database_is_down(client):
    with database_down():
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "fail"
    assert response.json()["checks"]["database"] == "fail"
    assert "Connection refused" not in response.content.decode()  # details go to the log only


def test_readyz_fails_while_the_cache_is_unreachable(client, settings):
    settings.CACHES = unreachable_redis_caches()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "migrations": "ok", "cache": "fail"}
    assert "redis://" not in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_readyz_fails_while_a_migration_is_not_applied(client):
    call_command("migrate", "wire", "zero", verbosity=0)
    try:
        response = client.get("/readyz")
        assert response.status_code == 503
        assert response.json()["checks"]["migrations"] == "fail"
    finally:
        call_command("migrate", verbosity=0)


def test_health_answers_are_never_cached(client):
    for url in ("/healthz", "/readyz"):
        response = client.get(url)
        assert "no-cache" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
        assert "X-Cache" not in response
