"""Addresses of public pages, worked out once per process.

``reverse()`` walks the URL patterns on every call, and a page of fifty story
cards asks for about two hundred addresses (each story's, its section's, its
authors'): on the home page that was a quarter of a render. An address
depends only on the URL configuration, the script prefix and the arguments,
so the answer is remembered under exactly those, in a bounded memo; a test
that swaps ``ROOT_URLCONF`` empties it, as Django empties its own resolver's.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

# A story's address is one entry: enough for the stories read in a busy hour.
MEMO_SIZE = 20_000


def address(viewname, **kwargs):
    """``reverse(viewname, kwargs=kwargs)``, remembered."""
    return _address(get_urlconf(), get_script_prefix(), viewname, tuple(kwargs.items()))


@lru_cache(maxsize=MEMO_SIZE)
def _address(urlconf, prefix, viewname, kwargs):
    return reverse(viewname, urlconf=urlconf, kwargs=dict(kwargs))


@receiver(setting_changed)
def _forget_addresses(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _address.cache_clear()
