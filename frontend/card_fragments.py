"""Story cards' HTML, kept in the shared cache under a digest of everything they show.

A front or a list renders dozens of cards, each through a few templates, and
rendering them was most of a home page's render. A card's markup is a
function of a few values: the story's fields it shows, its section's and its
authors' names and addresses, the picture's fields, and the card's options.
So the fragment is stored under a digest of exactly those values: an edit of
any of them makes a new key and the old fragment is simply never asked for
again. Nothing has to be invalidated, no process can serve another's stale
copy, and a render that read old rows can only store them under the old key.

Only the card's time is left out: "12 min ago" changes by the minute, so the
fragment holds a mark that each render replaces with the time as it is now.

For the same reason a process may keep the fragments it used lately in its
own memory (``RECENT_CARDS`` of them, least recently used dropped first): a
digest names exactly what its card shows, so a kept fragment can only go
unused, never stale. A front then reads its cards from memory rather than
with one round trip to the shared cache each.
"""

import hashlib

from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles.recently_used import RecentlyUsed
from frontend.safe_cache import page_cache
from frontend.templatetags.moments import card_time

# Between the control characters no escaped text can end up looking like it.
TIME_MARK = "\x00card-time\x00"
# Digests never go stale; the limit only lets unused fragments make room.
FRAGMENT_SECONDS = 24 * 60 * 60
# Fragments kept in each process's memory: a few KB each, a few MB in all.
RECENT_CARDS = 3000
recent_cards = RecentlyUsed(RECENT_CARDS)


def card_html(template_name, story, *, image, **options):
    """``template_name`` rendered for ``story`` with ``options``, from the cache when it is there.

    ``image`` is the picture the card shows (or None); every option must be a
    plain value (text, number, flag), as it is part of the digest."""
    key = f"card:{_digest(template_name, story, image, options)}"
    html = recent_cards.get(key)
    if html is None:
        html = page_cache.get(key)
        if html is None:
            context = {"story": story, "image": image, "when": TIME_MARK, **options}
            html = str(get_template(template_name).render(context))
            page_cache.set(key, html, FRAGMENT_SECONDS)
        recent_cards.keep(key, html)
    return mark_safe(html.replace(TIME_MARK, card_time(story.publish_at)))


def _digest(template_name, story, image, options):
    section = story.section
    shown = (
        template_name,
        sorted(options.items()),
        timezone.get_current_timezone_name(),  # the date in the story's address
        _values(story),
        (section.pk, section.slug, section.name),
        [(author.pk, author.slug, author.name) for author in story.ordered_authors()],
        _values(image) if image is not None else None,
    )
    return hashlib.blake2b(repr(shown).encode(), digest_size=20).hexdigest()


def _values(instance):
    """Every stored field of ``instance`` that is loaded (a card reads no other)."""
    loaded = instance.__dict__
    return [(field.attname, loaded.get(field.attname)) for field in instance._meta.concrete_fields]
