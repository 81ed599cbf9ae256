"""Who is trying to log in, as django-axes counts failures, and what a locked-out login sees."""

from django.conf import settings
from django.shortcuts import render


def client_address(request):
    """The client's IP address, for per-address lockouts (``AXES_CLIENT_IP_CALLABLE``).

    Without a proxy it is the connection's address. Behind ``NEWSROOM_PROXY_HOPS``
    proxies it is the X-Forwarded-For entry the outermost of them added: entries
    further left come from the client and could be forged to dodge a lockout.
    """
    hops = settings.NEWSROOM_PROXY_HOPS
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if hops and len(forwarded) >= hops:
        return forwarded[-hops]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out login gets (``AXES_LOCKOUT_CALLABLE``): the admin's login look, status 429."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "admin/locked_out.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
