"""Public pages. Every queryset here starts from ``Story.objects.published()``."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.generic import ListView

from articles import search
from articles.models import Section, Story, StorySlugHistory
from articles.public import public_authors, public_tags
from articles.unions import union_of_slices
from frontend import live, related
from frontend.cache_keys import shows_stories_of
from frontend.pagination import CappedPaginator
from frontend.search import SearchForm, highlighted_results
from frontend.topics import display_name
from media.models import Image

TOP_STORIES = 5
HOME_STORIES_PER_SECTION = 4


def home(request):
    # The top of the page takes the TOP_STORIES latest overall; each is among
    # its own desk's latest, so fetching TOP_STORIES + HOME_STORIES_PER_SECTION
    # per desk fills both the top and every section row. One short indexed walk
    # per desk (all in one query) is far cheaper than ranking every story ever published.
    shows_stories_of()
    desks = list(Section.objects.top_level().prefetch_related("children"))
    wanted = TOP_STORIES + HOME_STORIES_PER_SECTION
    newest = Story.objects.published().latest_first().values("pk")
    per_desk = [newest.filter(section__in=[desk, *desk.children.all()])[:wanted] for desk in desks]
    stories = Story.objects.published().latest_first().with_card_data()
    candidates = list(stories.filter(pk__in=union_of_slices(per_desk))) if desks else []

    top, rest = candidates[:TOP_STORIES], candidates[TOP_STORIES:]
    by_desk = {}
    for story in rest:
        by_desk.setdefault(story.section.parent_id or story.section_id, []).append(story)
    fronts = [(desk, by_desk[desk.pk][:HOME_STORIES_PER_SECTION]) for desk in desks if desk.pk in by_desk]
    return render(
        request,
        "frontend/home.html",
        {"lead": top[0] if top else None, "top_stories": top[1:], "fronts": fronts},
    )


def story_detail(request, section, year, month, day, slug):
    story = Story.objects.published().latest_first().for_article_page().filter(slug=slug).first()
    if story is None:
        old = get_object_or_404(StorySlugHistory, old_slug=slug)
        story = get_object_or_404(Story.objects.published().latest_first(), pk=old.story_id)
        return redirect(story, permanent=True)
    if request.path != story.get_absolute_url():
        # Section moved or the date segment is wrong: send readers to the one true address.
        return redirect(story, permanent=True)
    return render(
        request,
        "frontend/story_detail.html",
        {
            "story": story,
            "pictures": Image.objects.shown_by(story),
            "suggestions": related.suggestions(story),
            "live": live.coverage_for(story, live.page_number(request)),
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
        return stories.in_section(self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            section=self.section,
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
    # The results are already bounded (search.MAX_CANDIDATES); counting them needs no cap.
    paginator_class = Paginator

    def get_queryset(self):
        shows_stories_of()
        self.form = SearchForm(self.request.GET or None)
        results = self.form.search()
        return Story.objects.none() if results is None else results

    def get_context_data(self, **kwargs):
        context = super().get_context_data(form=self.form, **kwargs)
        context["query"] = query = self.form.query
        context["results"] = highlighted_results(context["stories"], query) if query else []
        paginator = context["paginator"]
        context["results_capped"] = paginator is not None and paginator.count >= search.MAX_CANDIDATES
        return context
