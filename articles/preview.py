"""Signed preview links for stories readers cannot see yet.

A link names the story and is valid for ``settings.NEWSROOM_PREVIEW_MAX_AGE``
seconds; whoever holds it may read the story as it stands, without an account.
The reader site serves the link (frontend/preview.py); the desk shows it
(desk/admin/views.py). An expired link is refused with 403, a tampered one 404.
"""

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from articles.models import Story

SALT = "articles.preview"


def _signer():
    return signing.TimestampSigner(salt=SALT)


def preview_url(story):
    """A signed, expiring address at which anyone may read ``story`` as it stands."""
    return reverse("frontend:preview", kwargs={"token": _signer().sign(str(story.pk))})


def story_from_token(token):
    """The story a token names, ready for the article page; 403 when expired, 404 when forged."""
    try:
        pk = _signer().unsign(token, max_age=settings.NEWSROOM_PREVIEW_MAX_AGE)
    except signing.SignatureExpired:
        raise PermissionDenied("This preview link has expired; ask for a new one.") from None
    except signing.BadSignature:
        raise Http404("No such preview.") from None
    return get_object_or_404(Story.objects.for_article_page(), pk=pk)
