"""The preview door: a story readers cannot see yet, shown exactly as its public
page will be, with noindex and never-cache headers. Reached by a signed link
(articles/preview.py) or, for staff, from the desk."""

from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache

from articles.preview import story_from_token
from frontend import related
from media.models import Image


def render_preview(request, story):
    response = TemplateResponse(
        request,
        "frontend/story_preview.html",
        {
            "story": story,
            "pictures": Image.objects.shown_by(story),
            "suggestions": related.suggestions(story),
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
def shared_preview(request, token):
    return render_preview(request, story_from_token(token))
