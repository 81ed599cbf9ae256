"""`manage.py check --deploy` under the documented production environment."""

import pytest

from tests.ops.production import environment, manage

pytestmark = pytest.mark.slow


def test_the_documented_production_environment_passes_check_deploy(tmp_path):
    result = manage(environment(tmp_path), "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_without_a_tls_proxy_check_deploy_asks_for_hsts_and_https(tmp_path):
    result = manage(environment(tmp_path, BEHIND_TLS_PROXY=None), "check", "--deploy")

    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


def test_check_deploy_warns_when_the_site_address_is_unset(tmp_path):
    env = environment(tmp_path, NEWSROOM_SITE_URL=None)
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 1
    assert "ops.W001" in result.stderr
    assert "NEWSROOM_SITE_URL is not set" in result.stderr


def test_a_site_address_with_a_path_is_refused(tmp_path):
    result = manage(environment(tmp_path, NEWSROOM_SITE_URL="news.example.org/home"), "check")

    assert result.returncode == 1
    assert "ops.E001" in result.stderr


def test_hsts_and_the_https_redirect_can_be_set_one_by_one(tmp_path):
    env = environment(tmp_path, BEHIND_TLS_PROXY=None, SECURE_HSTS_SECONDS="3600", SECURE_COOKIES="true")
    result = manage(env, "check", "--deploy")

    assert "security.W004" not in result.stderr and "security.W012" not in result.stderr
    assert "security.W008" in result.stderr
