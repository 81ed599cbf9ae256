"""Repeated failed admin logins lock out the account and the address for a while, with a record."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from tests.helpers import admin_login

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
WRONG = "wrong-horse-battery"


@pytest.fixture(autouse=True)
def _limit(settings):
    settings.AXES_FAILURE_LIMIT = 3


def fail(client, username, times):
    for _ in range(times):
        assert not admin_login(client, username, WRONG)


def test_an_account_is_locked_after_repeated_failures_even_with_the_right_password(client, editor):
    fail(client, "edna", 3)

    response = client.post("/admin/login/", {"username": "edna", "password": PASSWORD})

    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed login attempts" in page
    assert "blocked for 15 minutes" in page
    assert "_auth_user_id" not in client.session


def test_the_lockout_follows_the_account_to_another_address(editor):
    fail(Client(REMOTE_ADDR="192.0.2.1"), "edna", 3)

    assert not admin_login(Client(REMOTE_ADDR="198.51.100.7"), "edna", PASSWORD)


def test_an_address_is_locked_after_failures_on_different_accounts(editor, reporter):
    attacker = Client(REMOTE_ADDR="192.0.2.1")
    for username in ("alice", "bob", "carol"):
        fail(attacker, username, 1)

    assert not admin_login(attacker, "rita", PASSWORD)
    assert admin_login(Client(REMOTE_ADDR="198.51.100.7"), "rita", PASSWORD)


def test_the_lockout_ends_after_the_cool_off(client, editor):
    fail(client, "edna", 3)
    assert not admin_login(client, "edna", PASSWORD)

    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert admin_login(client, "edna", PASSWORD)


def test_fewer_failures_than_the_limit_do_not_lock(client, editor):
    fail(client, "edna", 2)

    assert admin_login(client, "edna", PASSWORD)


def test_behind_a_proxy_each_forwarded_client_is_counted_apart(settings, editor, reporter):
    settings.NEWSROOM_PROXY_HOPS = 1
    proxy = "10.0.0.5"
    attacker = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="192.0.2.1")
    for username in ("alice", "bob", "carol"):
        fail(attacker, username, 1)

    # A forged entry before the proxy's own does not give the attacker a new address...
    forged = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.9, 192.0.2.1")
    assert not admin_login(forged, "rita", PASSWORD)
    # ...and the colleague behind the same proxy is not locked out with them.
    colleague = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert admin_login(colleague, "rita", PASSWORD)


def test_superusers_see_the_audit_trail_and_editors_do_not(client, superuser, editor):
    fail(Client(REMOTE_ADDR="192.0.2.1"), "edna", 2)

    client.force_login(superuser)
    failures = client.get("/admin/axes/accessfailurelog/").content.decode()
    attempts = client.get("/admin/axes/accessattempt/").content.decode()
    assert failures.count("192.0.2.1") >= 2 and "edna" in failures
    assert "edna" in attempts

    client.force_login(editor)
    assert client.get("/admin/axes/accessfailurelog/").status_code == 403


def test_successful_logins_are_logged(superuser):
    assert admin_login(Client(REMOTE_ADDR="198.51.100.7"), "sam", PASSWORD)

    viewer = Client()
    viewer.force_login(superuser)
    logs = viewer.get("/admin/axes/accesslog/").content.decode()
    assert "198.51.100.7" in logs and "sam" in logs


def test_a_staff_session_expires_after_a_working_shift(client, editor):
    assert admin_login(client, "edna", PASSWORD)
    assert client.get("/admin/").status_code == 200

    with time_machine.travel(timezone.now() + timedelta(hours=11)):
        assert client.get("/admin/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(hours=13)):
        response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_the_session_cookie_ends_with_the_browser(client, editor):
    admin_login(client, "edna", PASSWORD)

    cookie = client.cookies["sessionid"]
    assert cookie["expires"] == "" and cookie["max-age"] == ""


def test_a_short_password_is_refused_when_staff_are_added(client, superuser):
    client.force_login(superuser)

    form = {"username": "newhire", "password1": "harbour12", "password2": "harbour12"}
    form["usable_password"] = "true"
    response = client.post("/admin/auth/user/add/", form)

    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()
