"""Date archives: /archive/, then a year, a month or a day of public stories.

Days are counted in the site's time zone (``settings.TIME_ZONE``), the same
calendar the story addresses use.
"""

import calendar
from datetime import date, timedelta

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from articles.dates import start_of_day
from articles.models import Story
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
        """The months of a year (or days of a month) that have public stories, as (label, url)."""
        if self.period_kind is None:
            return []
        moments = self.filter_stories(Story.objects.published().latest_first()).datetimes(
            "publish_at", self.period_kind
        )
        return [self.period_link(moment.date()) for moment in moments]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.heading(), periods=self.periods(), period_kind=self.period_kind, **kwargs
        )


class YearArchiveView(DateArchiveView):
    period_kind = "month"

    def period(self, year):
        return date(year, 1, 1), date(year + 1, 1, 1)

    def heading(self):
        return f"Stories from {self.first_day.year}"

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

    def period_link(self, day):
        url = reverse("frontend:archive_day", kwargs={"year": day.year, "month": day.month, "day": day.day})
        return str(day.day), url


class DayArchiveView(DateArchiveView):
    def period(self, year, month, day):
        first = date(year, month, day)
        return first, first + timedelta(days=1)

    def heading(self):
        return f"Stories from {self.first_day.day} {self.first_day:%B %Y}"
