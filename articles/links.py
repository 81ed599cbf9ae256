"""Which web addresses from stored data may become a link.

Form validation refuses ``javascript:`` and ``data:`` addresses, but imports,
old rows and code outside the admin can still store one; every door that builds
a link from data (templates through the ``safe_url`` filter, JSON-LD, exports)
asks ``safe_url()`` first.
"""

import re
from urllib.parse import urlsplit

LINK_SCHEMES = frozenset({"http", "https"})
# Browsers ignore control characters and spaces around an address and tabs and
# newlines inside it, so "java\tscript:" is still javascript: to them.
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]")


def safe_url(value):
    """``value`` when it is an http(s) address or a path on this site; "" otherwise."""
    value = (value or "").strip()
    seen = _IGNORED_BY_BROWSERS.sub("", value)
    if not seen:
        return ""
    if seen.startswith("/") and not seen.startswith(("//", "/\\")):
        return value
    try:
        scheme = urlsplit(seen).scheme.lower()
    except ValueError:
        return ""
    return value if scheme in LINK_SCHEMES else ""
