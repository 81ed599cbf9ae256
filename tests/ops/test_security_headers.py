"""Every page, public or admin, carries a strict Content-Security-Policy and the other security headers."""

import pytest
from django.urls import reverse

from tests.page_types import every_page_type

pytestmark = pytest.mark.django_db


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_strict_headers(response):
    csp = policy(response)
    script_src = csp.get("script-src", csp.get("default-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "*" not in script_src and "data:" not in script_src
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def public_paths(make_story, europe):
    return {
        **every_page_type(make_story, europe),
        "rss feed": reverse("frontend:feed_rss"),
        "atom feed": reverse("frontend:feed_atom"),
        "sitemap": "/sitemap.xml",
        "robots": "/robots.txt",
    }


def test_every_public_page_type_has_a_strict_policy_fresh_and_from_the_page_cache(client, make_story, europe):
    for name, path in public_paths(make_story, europe).items():
        fresh = client.get(path)
        cached = client.get(path)
        assert fresh.status_code in (200, 404), (name, fresh.status_code)
        assert_strict_headers(fresh)
        assert_strict_headers(cached)


def admin_paths(story):
    return [
        reverse("admin:index"),
        reverse("admin:articles_story_changelist"),
        reverse("admin:articles_story_add"),
        reverse("admin:articles_story_change", args=[story.pk]),
        reverse("admin:articles_section_changelist"),
        reverse("admin:auth_user_changelist"),
        reverse("admin:axes_accessattempt_changelist"),
        reverse("admin:axes_accesslog_changelist"),
        reverse("admin:password_change"),
    ]


def test_every_admin_page_has_a_strict_policy(client, superuser, make_story):
    story = make_story("Ferry timetable changes")
    assert_strict_headers(client.get(reverse("admin:login")))
    client.force_login(superuser)

    for path in admin_paths(story):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_strict_headers(response)
