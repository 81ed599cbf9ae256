"""Public pages. Every queryset here starts from ``Story.objects.published()``."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.generic import ListView

from articles import search
from articles.models import Section, Story, StorySlugHistory
from articles.public import public_authors, public_tags
from frontend import live, related
from frontend.article_parts import article_parts
from frontend.cache_keys import every_part_tracked, shows_front, shows_stories_of
from frontend.pagination import CappedPaginator
from frontend.search import SearchForm, highlighted_results
from frontend.topics import display_name
from fronts.assembly import show
from fronts.models import Front, place_of


def shown_front(section=None):
    """The front of ``section`` (or the home page) as readers see it now, recorded for the page cache."""
    place = place_of(section)
    front = Front.objects.filter(place=place).only("published").first()
    shown = show(front.published if front else None, section=section)
    shows_front(place, shown)
    return shown


def home(request):
    shows_stories_of()
    return render(request, "frontend/home.html", {"front": shown_front()})


def story_detail(request, section, year, month, day, slug):
    stories = Story.objects.published().for_article_row().latest_first()
    story = stories.filter(slug=slug).first()
    if story is None:
        old = get_object_or_404(StorySlugHistory, old_slug=slug)
        story = get_object_or_404(Story.objects.published().latest_first(), pk=old.story_id)
        return redirect(story, permanent=True)
    if request.path != story.get_absolute_url():
        # Section moved or the date segment is wrong: send readers to the one true address.
        return redirect(story, permanent=True)
    every_part_tracked()  # what it shows is on keys, "More on this" bounded in time (frontend/related.py)
    coverage = live.coverage_for(story, live.page_number(request))
    return render(
        request,
        "frontend/story_detail.html",
        {
            "story": story,
            "parts": article_parts(request, story, coverage),
            "suggestions": related.suggestions(story),
            "live": coverage,
            "current_section": (story.section.parent or story.section).slug,
        },
    )


class StoryListView(ListView):
    """A paginated list of public stories; subclasses narrow it down."""

    template_name = "frontend/story_list.html"
    context_object_name = "stories"
    paginator_class = CappedPaginator

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_STORIES_PER_PAGE

    def get_queryset(self):
        return self.filter_stories(Story.objects.published().latest_first()).with_card_data()


class SectionView(StoryListView):
    template_name = "frontend/section.html"

    def filter_stories(self, stories):
        sections = Section.objects.select_related("parent")
        self.section = get_object_or_404(sections, slug=self.kwargs["section"])
        shows_stories_of(self.section)
        # Stories on the section's front are not listed again under it, on any page.
        self.front = shown_front(self.section)
        return stories.in_section(self.section).exclude(pk__in=self.front.shown)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            section=self.section,
            front=self.front,
            current_section=(self.section.parent or self.section).slug,
            subsections=self.section.children.all(),
            heading=self.section.name,
            description=self.section.description,
            **kwargs,
        )


class TagView(StoryListView):
    def filter_stories(self, stories):
        self.tag = get_object_or_404(public_tags(), slug=self.kwargs["slug"])
        shows_stories_of(self.tag)
        return stories.filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            tag=self.tag, kicker="Topic", heading=display_name(self.tag.name), **kwargs
        )


class AuthorView(StoryListView):
    template_name = "frontend/author.html"

    def filter_stories(self, stories):
        self.author = get_object_or_404(public_authors(), slug=self.kwargs["slug"])
        shows_stories_of(self.author)
        return stories.by_author(self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, heading=self.author.name, **kwargs)


class SearchView(StoryListView):
    """Site search over public stories; matching and ranking are the content core's (articles/search.py)."""

    template_name = "frontend/search.html"
    # Paged is the list of ranked pks (at most search.MAX_CANDIDATES): counting it is len().
    paginator_class = Paginator
    context_object_name = "ranked_pks"

    def get_queryset(self):
        shows_stories_of()
        self.form = SearchForm(self.request.GET or None)
        return self.form.search() or []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(form=self.form, **kwargs)
        context["query"] = query = self.form.query
        context["results"] = highlighted_results(context["ranked_pks"], query) if query else []
        paginator = context["paginator"]
        context["results_capped"] = paginator is not None and paginator.count >= search.MAX_CANDIDATES
        return context
