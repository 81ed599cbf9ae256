"""Whatever a reader puts in a query string, a public page answers 200, 301 or 404, never 500.

Every query parameter of every public view (search's q, section, since, until
and page; page on section, tag, author and archive pages; p on sitemaps; any
parameter on feeds) is fuzzed with hypothesis: dates out of range, huge and
odd page numbers, odd unicode, NUL bytes, repeated parameters.
"""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import page, texts

# Few examples per run keep the suite fast (hypothesis remembers failures between runs);
# the slow test below searches far wider.
FUZZ = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
DEEP = settings(FUZZ, max_examples=300)
ANSWERS = {200, 301, 302, 404}

NASTY = "\x00\u202e\u200b%&=;"
odd_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]) | st.sampled_from(NASTY), max_size=40
)
dates = st.one_of(
    st.dates().map(str),
    st.sampled_from(["9999-12-31", "0001-01-01", "0000-00-00", "2026-02-30", "10000-01-01", "-1-01-01"]),
    odd_text,
)
pages = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["last", "0", "1e9", "²", "٣", " 1", "1\x00", "9" * 400]),
    odd_text,
)


def values(strategy):
    """One value, or the same parameter repeated."""
    return st.one_of(strategy, st.lists(strategy, min_size=2, max_size=3))


@pytest.fixture
def site(make_story, europe):
    story = make_story("City council approves transit plan", section=europe, tags=["Transit"],
                       authors=["Ana Lopez"], dek="A city plan.")  # fmt: skip
    day = story.publish_at
    return {
        "section": reverse("frontend:section", args=["europe"]),
        "tag": reverse("frontend:tag", args=["transit"]),
        "author": reverse("frontend:author", args=["ana-lopez"]),
        "archive year": reverse("frontend:archive_year", args=[day.year]),
        "archive month": reverse("frontend:archive_month", args=[day.year, day.month]),
        "archive day": reverse("frontend:archive_day", args=[day.year, day.month, day.day]),
    }


def get(client, path, params):
    response = client.get(f"{path}?{urlencode(params, doseq=True)}")
    assert response.status_code in ANSWERS, (path, params, response.status_code)
    return response


search_params = st.fixed_dictionaries(
    {},
    optional={"q": values(odd_text), "section": values(odd_text), "since": values(dates),
              "until": values(dates), "page": values(pages)},
)  # fmt: skip


@FUZZ
@given(params=search_params)
def test_search_never_fails(client, site, params):
    get(client, reverse("frontend:search"), params)


@pytest.mark.slow
@DEEP
@given(params=search_params)
def test_search_never_fails_over_many_examples(client, site, params):
    get(client, reverse("frontend:search"), params)


@FUZZ
@given(name=st.sampled_from(["section", "tag", "author", "archive year", "archive month", "archive day"]),
       page=values(pages), extra=odd_text)  # fmt: skip
def test_list_pages_never_fail(client, site, name, page, extra):
    get(client, site[name], {"page": page, extra: extra})


@FUZZ
@given(
    feed=st.sampled_from(["frontend:feed_rss", "frontend:feed_atom"]),
    name=odd_text,
    value=values(odd_text),
)
def test_feeds_never_fail(client, site, feed, name, value):
    get(client, reverse(feed), {name: value})


@FUZZ
@given(path=st.sampled_from(["/sitemap.xml", "/sitemap-stories.xml", "/sitemap-sections.xml",
                             "/sitemap-news.xml", "/sitemap-nothing.xml"]), p=values(pages))  # fmt: skip
def test_sitemaps_never_fail(client, site, path, p):
    get(client, path, {"p": p})


@pytest.mark.parametrize(
    ("since", "until"),
    [("2000-01-01", "9999-12-31"), ("0001-01-01", "9999-12-31"), ("9999-12-31", "9999-12-31")],
)
def test_search_takes_the_widest_dates_a_date_field_holds(client, site, since, until):
    response = get(client, reverse("frontend:search"), {"q": "transit", "since": since, "until": until})

    assert response.status_code == 200
    tree = page(response)
    found = texts(tree, "//ol[contains(@class, 'search-results')]//h2")
    assert found == ([] if since.startswith("9999") else ["City council approves transit plan"])


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "transit", "since": "bad"}, "Enter the date as year-month-day, such as 2026-03-14."),
        ({"q": "transit", "until": "2026-02-30"}, "Enter the date as year-month-day, such as 2026-03-14."),
        ({"q": "transit\x00"}, "Null characters are not allowed."),
        ({"q": "transit", "section": "nowhere"}, "Select a valid choice."),
    ],
)
def test_a_bad_parameter_is_named_and_nothing_else_is_said(client, site, params, message):
    tree = page(get(client, reverse("frontend:search"), params))

    errors = texts(tree, "//*[@class='form-error']")
    assert len(errors) == 1 and errors[0].startswith(message), errors
    assert "Type a word" not in tree.text_content()
