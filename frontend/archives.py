"""Date archives: /archive/, then a year, a month or a day of public stories.

Days are counted in the site's time zone (``settings.TIME_ZONE``), the same
calendar the story addresses use.
"""

import calendar
from datetime import date, timedelta

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from articles.dates import start_of_day
from articles.models import Story
from articles.unions import union_of_slices
from frontend.cache_keys import shows_stories_of
from frontend.views import StoryListView


def archive_index(request):
    shows_stories_of()
    years = Story.objects.published().latest_first().datetimes("publish_at", "year", order="DESC")
    return render(request, "frontend/archive_index.html", {"years": [moment.year for moment in years]})


class DateArchiveView(StoryListView):
    """Public stories published from ``first_day`` up to (not including) ``end_day``."""

    template_name = "frontend/archive.html"
    # The finer period listed as links above the stories ("month", "day" or None).
    period_kind = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        try:
            self.first_day, self.end_day = self.period(**kwargs)
        except (ValueError, OverflowError) as error:
            raise Http404("No such date.") from error

    def filter_stories(self, stories):
        shows_stories_of()
        return stories.filter(
            publish_at__gte=start_of_day(self.first_day), publish_at__lt=start_of_day(self.end_day)
        )

    def periods(self):
        """The months of a year (or days of a month) that have public stories, as (label, url).

        One query: for each month (or day) the first public story's id, found by
        one short walk down the publish-time index, rather than a ``DISTINCT`` over
        every story of the period.
        """
        if self.period_kind is None:
            return []
        stories = Story.objects.published()
        probes = [
            stories.filter(publish_at__gte=start_of_day(first), publish_at__lt=start_of_day(end))
            .order_by("publish_at")
            .values("pk")[:1]
            for first, end in self.sub_periods()
        ]
        moments = Story.objects.filter(pk__in=union_of_slices(probes)).values_list("publish_at", flat=True)
        days = sorted({timezone.localtime(moment).date() for moment in moments})
        return [self.period_link(day) for day in days]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(heading=self.heading(), period_kind=self.period_kind, **kwargs)
        # A day, month or year with no public story is not a page: 404, so crawlers and
        # readers following a guessed address find no empty archive. The first page's
        # stories are fetched anyway; asking whether any exist would cost a query more.
        if not context["stories"]:
            raise Http404("No public story in this period.")
        context["periods"] = self.periods()
        return context


class YearArchiveView(DateArchiveView):
    period_kind = "month"

    def period(self, year):
        return date(year, 1, 1), date(year + 1, 1, 1)

    def heading(self):
        return f"Stories from {self.first_day.year}"

    def sub_periods(self):
        firsts = [date(self.first_day.year, month, 1) for month in range(1, 13)]
        return zip(firsts, [*firsts[1:], self.end_day], strict=True)

    def period_link(self, day):
        url = reverse("frontend:archive_month", kwargs={"year": day.year, "month": day.month})
        return calendar.month_name[day.month], url


class MonthArchiveView(DateArchiveView):
    period_kind = "day"

    def period(self, year, month):
        first = date(year, month, 1)
        return first, (first + timedelta(days=32)).replace(day=1)

    def heading(self):
        return f"Stories from {self.first_day:%B %Y}"

    def sub_periods(self):
        days = (self.end_day - self.first_day).days
        return [(self.first_day + timedelta(n), self.first_day + timedelta(n + 1)) for n in range(days)]

    def period_link(self, day):
        url = reverse("frontend:archive_day", kwargs={"year": day.year, "month": day.month, "day": day.day})
        return str(day.day), url


class DayArchiveView(DateArchiveView):
    def period(self, year, month, day):
        first = date(year, month, day)
        return first, first + timedelta(days=1)

    def heading(self):
        return f"Stories from {self.first_day.day} {self.first_day:%B %Y}"
