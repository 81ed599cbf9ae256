"""API keys: issued in the admin, stored hashed, revocable, each with its own rate limit."""

import re

import pytest

from api.keys import issue_key
from api.models import ApiKey
from tests.helpers import form_data

pytestmark = pytest.mark.django_db


def test_a_request_without_a_key_or_with_a_wrong_one_is_refused(client):
    assert client.get("/api/stories").status_code == 401
    assert client.get("/api/stories", HTTP_X_API_KEY="nr_00000000_guess").status_code == 401
    assert client.get("/api/stories", HTTP_AUTHORIZATION="Bearer nonsense").status_code == 401


def test_the_key_works_as_bearer_token_too(client, api_key):
    assert client.get("/api/stories", HTTP_AUTHORIZATION=f"Bearer {api_key}").status_code == 200


def test_a_revoked_key_is_refused(client, api_key):
    ApiKey.objects.update(is_active=False)
    assert client.get("/api/stories", HTTP_X_API_KEY=api_key).status_code == 401


def test_an_admin_issues_a_key_shown_once_and_stored_only_as_a_hash(client, superuser):
    client.force_login(superuser)
    form = client.get("/admin/api/apikey/add/")
    response = client.post(
        "/admin/api/apikey/add/",
        form_data(form, "apikey_form", name="River Watch app", requests_per_minute="5"),
        follow=True,
    )
    [raw] = re.findall(r"nr_[0-9a-f]{8}_[\w-]+", response.content.decode())
    key = ApiKey.objects.get(name="River Watch app")
    assert raw not in (key.key_hash, key.prefix) and key.key_hash and raw.split("_")[1] == key.prefix
    client.logout()
    assert client.get("/api/sections", HTTP_X_API_KEY=raw).status_code == 200
    assert raw not in client.get("/admin/api/apikey/").content.decode()


def test_each_key_has_its_own_rate_limit(client):
    _, slow = issue_key("Slow partner", requests_per_minute=3)
    _, other = issue_key("Other partner", requests_per_minute=3)
    codes = [client.get("/api/sections", HTTP_X_API_KEY=slow).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    refused = client.get("/api/sections", HTTP_X_API_KEY=slow)
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 60
    assert client.get("/api/sections", HTTP_X_API_KEY=other).status_code == 200
