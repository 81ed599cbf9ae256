"""Site search: ranked full-text search on PostgreSQL, a plain fallback elsewhere.

Only public stories are ever searched: every query starts from
``Story.objects.published()``.

On PostgreSQL each story carries a weighted ``search_vector`` (headline A,
standfirst B, body C), refreshed on every save and indexed with GIN
(migration 0003). Results are ordered by ``ts_rank`` and carry highlighted
snippets from ``ts_headline``. Elsewhere (SQLite in development) every word
must appear in the headline, standfirst or body; headline matches come first.
"""

import html
import re
from datetime import datetime, time, timedelta

from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, Func, IntegerField, Q, TextField, Value, When
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.models import Section, Story

MAX_QUERY_LENGTH = 200
SEARCH_CONFIG = "english"
# Private-use characters mark the highlights inside ts_headline's plain-text
# output, so the text can be HTML-escaped first and the marks turned into
# <mark> afterwards: nothing from a story is ever trusted as markup.
MARK_START, MARK_STOP = "\ue000", "\ue001"
HEADLINE_OPTIONS = f"StartSel={MARK_START}, StopSel={MARK_STOP}, HighlightAll=true"
SNIPPET_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_STOP}, MaxWords=35, MinWords=15, MaxFragments=2, "
    "FragmentDelimiter=\" … \""
)


def story_search_vector():
    return (
        SearchVector("headline", weight="A", config=SEARCH_CONFIG)
        + SearchVector("dek", weight="B", config=SEARCH_CONFIG)
        + SearchVector(StripTags("body"), weight="C", config=SEARCH_CONFIG)
    )


def refresh_search_vector(story):
    """Recompute one story's search document (PostgreSQL only); called by ``Story.save()``."""
    refresh_search_vectors([story])


def refresh_search_vectors(stories):
    """Recompute several stories' search documents in one UPDATE (PostgreSQL only)."""
    Story.objects.filter(pk__in=[story.pk for story in stories]).update(search_vector=story_search_vector())


class StripTags(Func):
    """The text of an HTML fragment, tags replaced by spaces (PostgreSQL)."""

    function = "regexp_replace"
    output_field = TextField()

    def __init__(self, expression):
        super().__init__(expression, Value(r"<[^>]*>"), Value(" "), Value("g"))


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


class SearchForm(forms.Form):
    q = forms.CharField(label="Search for", max_length=MAX_QUERY_LENGTH, required=False, strip=True)
    section = forms.ModelChoiceField(
        label="Section",
        queryset=Section.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="All sections",
    )
    since = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    @property
    def query(self):
        """The words searched for, once the form is valid; "" otherwise."""
        return self.cleaned_data["q"] if self.is_bound and self.is_valid() else ""

    def search(self):
        """Matching public stories, best first, or ``None`` when there is nothing to search for."""
        if not self.is_valid() or not self.cleaned_data["q"]:
            return None
        data = self.cleaned_data
        stories = Story.objects.published()
        if data["section"]:
            stories = stories.in_section(data["section"])
        if data["since"]:
            stories = stories.filter(publish_at__gte=_start_of(data["since"]))
        if data["until"]:
            stories = stories.filter(publish_at__lt=_start_of(data["until"] + timedelta(days=1)))
        return search_stories(stories, data["q"]).with_card_data()


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def search_stories(stories, text):
    if connection.vendor == "postgresql":
        return _full_text(stories, text)
    return _substring(stories, text)


def _full_text(stories, text):
    query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    return (
        stories.filter(search_vector=query)
        .annotate(rank=SearchRank(F("search_vector"), query))
        .order_by("-rank", "-publish_at", "-pk")
    )


def _substring(stories, text):
    words = re.findall(r"\w+", text)[:10] or [text]
    for word in words:
        stories = stories.filter(
            Q(headline__icontains=word) | Q(dek__icontains=word) | Q(body__icontains=word)
        )
    headline_hits = Q()
    for word in words:
        headline_hits &= Q(headline__icontains=word)
    return stories.annotate(
        headline_match=Case(When(headline_hits, then=1), default=0, output_field=IntegerField())
    ).order_by("-headline_match", "-publish_at", "-pk")


def highlighted_results(stories, text):
    """[(story, headline HTML, snippet HTML)] for one page of results, matches in <mark>.

    On PostgreSQL one query asks ``ts_headline`` for just this page's stories:
    computed in the ranked query it would run for every row up to the page's
    offset.
    """
    stories = list(stories)
    if connection.vendor != "postgresql":
        pattern = _words_pattern(text)
        return [(s, _mark_words(s.headline, pattern), _mark_words(s.summary, pattern)) for s in stories]
    query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    marked = {
        pk: (highlighted(headline), highlighted(snippet))
        for pk, headline, snippet in Story.objects.filter(pk__in=[s.pk for s in stories])
        .annotate(
            headline_marked=Headline(F("headline"), query, HEADLINE_OPTIONS),
            snippet_marked=Headline(StripTags("body"), query, SNIPPET_OPTIONS),
        )
        .values_list("pk", "headline_marked", "snippet_marked")
    }
    return [(s, *marked[s.pk]) for s in stories]


def _words_pattern(text):
    words = [re.escape(word) for word in re.findall(r"\w+", text)[:10]]
    return re.compile("|".join(words), re.IGNORECASE) if words else None


def _mark_words(text, pattern):
    if pattern is None:
        return escape(text)
    marked = pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_STOP}", text)
    return highlighted(marked)
