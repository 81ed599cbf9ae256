"""The doors readers' browsers use: a rendition made on first request, and stored files."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET
from django.views.static import serve

from media.models import Image
from media.renditions import Spec, UnknownSpec, ensure, url_of

# A rendition's address names the fingerprint of the picture it was cut from, so it never changes.
A_YEAR = 365 * 24 * 3600


@require_GET
def rendition(request, pk, fingerprint, spec):
    """Make the rendition if it is not in storage yet, then send the browser to it."""
    try:
        wanted = Spec.parse(spec)
    except UnknownSpec:
        raise Http404("No such rendition.") from None
    image = get_object_or_404(Image, pk=pk)
    if fingerprint != image.fingerprint:
        # Cut before the focal point moved: the current crop instead, never cached.
        return redirect(url_of(image, wanted))
    ensure(image, wanted)
    response = redirect(url_of(image, wanted))
    response["Cache-Control"] = f"public, max-age={A_YEAR}, immutable"
    return response


@require_GET
def stored_file(request, path):
    """Files of the default (filesystem) storage, for a site without a web server in front.

    Behind nginx or a CDN, serve ``MEDIA_ROOT`` at ``MEDIA_URL`` there instead.
    Only originals and renditions are ever written there, all checked on upload. An original
    whose metadata the desk kept (GPS, camera) is for the archive: it is not served.
    """
    if path.startswith("originals/") and Image.objects.filter(file=path, metadata_kept=True).exists():
        raise Http404("Not a public file.")
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    if path.startswith("renditions/"):
        response["Cache-Control"] = f"public, max-age={A_YEAR}, immutable"
    response["X-Content-Type-Options"] = "nosniff"
    return response
