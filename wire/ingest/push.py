"""The HTTP push door: a provider POSTs a file to /wire/push/<slug>/.

The request must carry ``X-Newsroom-Signature: sha256=<hex>``, the HMAC-SHA256 of the body
with the source's secret, compared in constant time. The body is spooled as a delivery
and its import queued; the same body pushed again is the same delivery and imports
nothing twice, and a newer version of an item updates its story (guid and version).
"""

import hashlib
import hmac

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from wire.ingest.models import Source
from wire.ingest.receive import receive
from wire.tasks import import_delivery_task

SIGNATURE_HEADER = "X-Newsroom-Signature"


def signature(secret, body):
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@csrf_exempt  # a machine-to-machine door, authenticated by the body's signature instead
@require_POST
def push(request, slug):
    source = Source.objects.filter(slug=slug, kind=Source.Kind.PUSH).first()
    sent = request.headers.get(SIGNATURE_HEADER, "")
    # The same answer for an unknown source and a bad signature: nothing to learn by guessing.
    if source is None or not hmac.compare_digest(sent, signature(source.push_secret, request.body)):
        return JsonResponse({"detail": f"bad or missing {SIGNATURE_HEADER}"}, status=403)
    if source.paused:
        return JsonResponse({"detail": "this source is paused; try again later"}, status=503)
    if len(request.body) > settings.NEWSROOM_INGEST_MAX_BYTES:
        return JsonResponse({"detail": "the body is over the size limit"}, status=413)
    if not request.body:
        return JsonResponse({"detail": "the body is empty"}, status=400)
    name = request.headers.get("X-Filename", "") or f"{slug}.push"
    delivery, new = receive(source, name, request.body)
    if new or delivery.is_stalled:
        import_delivery_task.delay(delivery.pk)
    answer = {"delivery": delivery.pk, "status": "queued" if new else "already received"}
    return JsonResponse(answer, status=202 if new else 200)
