"""Previews of stories readers cannot see yet.

Two doors render a story exactly as its public page will, with noindex and
never-cache headers:

- ``staff_preview`` (in the admin) for a logged-in user the permission policy
  lets see the story;
- ``shared_preview`` for anyone holding a signed link, so a colleague without an
  account can read it. The link names the story and is valid for
  ``settings.NEWSROOM_PREVIEW_MAX_AGE`` seconds; an expired link answers 403, a
  tampered one 404.
"""

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache

from articles.models import Story
from articles.permissions import policy

SALT = "articles.preview"


def _signer():
    return signing.TimestampSigner(salt=SALT)


def preview_url(story):
    """A signed, expiring address at which anyone may read ``story`` as it stands."""
    return reverse("articles:preview", kwargs={"token": _signer().sign(str(story.pk))})


def story_from_token(token):
    try:
        pk = _signer().unsign(token, max_age=settings.NEWSROOM_PREVIEW_MAX_AGE)
    except signing.SignatureExpired:
        raise PermissionDenied("This preview link has expired; ask for a new one.") from None
    except signing.BadSignature:
        raise Http404("No such preview.") from None
    return get_object_or_404(Story.objects.for_article_page(), pk=pk)


def render_preview(request, story):
    response = TemplateResponse(request, "articles/story_preview.html", {"story": story})
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
def shared_preview(request, token):
    return render_preview(request, story_from_token(token))


@never_cache
def staff_preview(request, pk):
    story = get_object_or_404(Story.objects.for_article_page(), pk=pk)
    if not policy.may_preview(request.user, story):
        raise PermissionDenied
    return render_preview(request, story)
