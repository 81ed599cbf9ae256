"""The preview door: a story readers cannot see yet, shown exactly as its public
page will be, with noindex and never-cache headers. Reached by a signed link
(articles/preview.py) or, for staff, from the desk."""

from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache

from articles.dates import moment
from articles.preview import story_from_token
from articles.workflow import editorial_state
from frontend import live, related
from frontend.article_parts import shown_afresh


def render_preview(request, story):
    coverage = live.coverage_for(story, polled=False)
    response = TemplateResponse(
        request,
        "frontend/story_preview.html",
        {
            "story": story,
            "parts": shown_afresh(request, story, coverage),  # never kept: not public
            "suggestions": related.scored_now(story),  # scored afresh, not kept: staff only
            "live": coverage,
            "preview_state": state_of(story),
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def state_of(story):
    """Where the story stands, for the preview's notice: "a draft", "a story scheduled for …"."""
    key, _label = editorial_state(story)
    if key == "scheduled":
        return f"a story scheduled for {moment(story.publish_at)}"
    if key == "embargoed":
        return f"a story under embargo until {moment(story.embargo_until)}"
    return {
        "draft": "a draft",
        "review": "a story in review",
        "unpublished": "an unpublished story",
        "live": "a live story",
    }.get(key, "a story")


@never_cache
def shared_preview(request, token):
    return render_preview(request, story_from_token(token))
