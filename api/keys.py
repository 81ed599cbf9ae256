"""Issuing and checking API keys.

A key reads ``nr_<prefix>_<secret>``. The prefix finds the row; the secret is
compared with the stored SHA-256 of the whole key in constant time. A salted,
slow hash (as for passwords) buys nothing here: the secret is 32 random bytes,
not something a person chose, so it cannot be guessed from its hash; and a
fast hash keeps every request cheap.
"""

import hashlib
import hmac
import secrets

from django.utils import timezone

from api.models import ApiKey


def _digest(raw):
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_key(name, *, requests_per_minute=60, created_by=None):
    """A new key: (the ApiKey row, the raw key to hand over once)."""
    prefix = secrets.token_hex(4)
    raw = f"nr_{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey.objects.create(
        name=name, prefix=prefix, key_hash=_digest(raw), requests_per_minute=requests_per_minute,
        created_by=created_by,
    )  # fmt: skip
    return key, raw


def fill_new_key(key):
    """Give an unsaved ``key`` (the admin's add form) a prefix and hash; returns the raw key."""
    key.prefix = secrets.token_hex(4)
    raw = f"nr_{key.prefix}_{secrets.token_urlsafe(32)}"
    key.key_hash = _digest(raw)
    return raw


def key_for(raw):
    """The active ApiKey that ``raw`` is, or None."""
    parts = (raw or "").strip().split("_", 2)
    if len(parts) != 3 or parts[0] != "nr":
        return None
    key = ApiKey.objects.filter(prefix=parts[1], is_active=True).first()
    if key is None or not hmac.compare_digest(key.key_hash, _digest(raw.strip())):
        return None
    now = timezone.now()
    # At most one write a minute per key, not one per request.
    if key.last_used_at is None or (now - key.last_used_at).total_seconds() > 60:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    return key
