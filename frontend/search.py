"""The reader's search page: the form, and highlighted results.

Only public stories are ever searched: every query starts from
``Story.objects.published()``; matching and ranking are the content core's
(``Story.objects.ranked_matches()``, articles/search.py). On PostgreSQL results carry
highlighted snippets from ``ts_headline``.
"""

import html
import re
from datetime import date, timedelta

from django import forms
from django.db import connection
from django.db.models import F, Func, TextField, Value
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.dates import start_of_day
from articles.models import Section, Story
from articles.search import SEARCH_CONFIG, StripTags, query_words, web_query

MAX_QUERY_LENGTH = 200
# Private-use characters mark the highlights inside ts_headline's plain-text
# output, so the text can be HTML-escaped first and the marks turned into
# <mark> afterwards: nothing from a story is ever trusted as markup.
MARK_START, MARK_STOP = "\ue000", "\ue001"
HEADLINE_OPTIONS = f"StartSel={MARK_START}, StopSel={MARK_STOP}, HighlightAll=true"
SNIPPET_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_STOP}, MaxWords=35, MinWords=15, MaxFragments=2, "
    'FragmentDelimiter=" … "'
)


class Headline(Func):
    """ts_headline(config, document, query, options)."""

    function = "ts_headline"
    output_field = TextField()

    def __init__(self, document, query, options):
        super().__init__(Value(SEARCH_CONFIG), document, query, Value(options))


def highlighted(text):
    """Safe HTML from highlight-marked plain text: everything escaped but the marks."""
    escaped = escape(html.unescape(text or ""))
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))


DATE_INPUT = forms.DateInput(attrs={"type": "date"})
DATE_ERRORS = {"invalid": "Enter the date as year-month-day, such as 2026-03-14."}


class SearchForm(forms.Form):
    q = forms.CharField(label="Search for", max_length=MAX_QUERY_LENGTH, required=False, strip=True)
    section = forms.ModelChoiceField(
        label="Section",
        queryset=Section.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="All sections",
    )
    since = forms.DateField(label="From", required=False, widget=DATE_INPUT, error_messages=DATE_ERRORS)
    until = forms.DateField(label="To", required=False, widget=DATE_INPUT, error_messages=DATE_ERRORS)

    @property
    def query(self):
        """The words searched for, once the form is valid; "" otherwise."""
        return self.cleaned_data["q"] if self.is_bound and self.is_valid() else ""

    def search(self):
        """The pks of matching public stories, best first, or ``None`` when there is nothing to
        search for. They are all there is to count and to cut into pages (at most
        ``MAX_CANDIDATES``): only the page shown is loaded (``highlighted_results()``)."""
        if not self.is_valid() or not self.cleaned_data["q"]:
            return None
        data = self.cleaned_data
        stories = Story.objects.published()
        if data["section"]:
            stories = stories.in_section(data["section"])
        if data["since"]:
            stories = stories.filter(publish_at__gte=start_of_day(data["since"]))
        if data["until"] and data["until"] < date.max:
            # The end is exclusive: the day after, which the last day of year 9999 does not have.
            stories = stories.filter(publish_at__lt=start_of_day(data["until"] + timedelta(days=1)))
        return stories.ranked_matches(data["q"])


def highlighted_results(pks, text):
    """[(story, headline HTML, snippet HTML)] for one page of result pks, matches in <mark>.

    One query loads the page's stories with what their cards show; on
    PostgreSQL it also asks ``ts_headline`` for their marked headlines and
    snippets, for these stories only (in the ranking query it would run for
    every candidate). Visibility is applied again: a story withdrawn since the
    ranking is left out.
    """
    if not pks:
        return []
    stories = Story.objects.published().filter(pk__in=pks).with_card_data()
    if connection.vendor == "postgresql":
        query = web_query(text)
        stories = stories.annotate(
            headline_marked=Headline(F("headline"), query, HEADLINE_OPTIONS),
            snippet_marked=Headline(StripTags("body"), query, SNIPPET_OPTIONS),
        )
        marked = {s.pk: (s, highlighted(s.headline_marked), highlighted(s.snippet_marked)) for s in stories}
    else:
        pattern = _words_pattern(text)
        marked = {
            s.pk: (s, _mark_words(s.headline, pattern), _mark_words(s.summary, pattern)) for s in stories
        }
    return [marked[pk] for pk in pks if pk in marked]


def _words_pattern(text):
    words = [re.escape(word) for word in query_words(text)]
    return re.compile("|".join(words), re.IGNORECASE) if words else None


def _mark_words(text, pattern):
    if pattern is None:
        return escape(text)
    marked = pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_STOP}", text)
    return highlighted(marked)
