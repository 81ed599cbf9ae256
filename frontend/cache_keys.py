"""Which content a cached page shows, and which pages a change of content touches.

Every cached page is tagged with keys (CDNs call them surrogate keys or cache tags):

- ``story:<pk>``, ``section:<pk>``, ``author:<pk>``, ``tag:<pk>``, ``outlet:<pk>``:
  recorded by themselves. While the page cache renders a page it holds a
  request-scoped set (``recording()``), and a ``post_init`` receiver adds the
  key of every such row loaded from the database: whatever a page shows, it
  loaded. Loading a row the page then leaves out only costs an early refresh.
- List keys, recorded by the views that list stories (``shows_stories_of()``):
  ``stories`` (home, site feeds, archives, sitemaps, search: every public story),
  ``section-stories:<pk>``, ``tag-stories:<pk>``, ``author-stories:<pk>``. A story
  joining or leaving a list (going public or private, a new publish time,
  another section, topic or author) bumps them, so a page learns of a story it
  did not show yet, and later pages of a list shift.
- ``sections`` (the navigation, on every page), ``breaking`` (the breaking-news
  banner, on every page) and ``site`` (every page: bumped by a change the core
  could not describe, such as replacing a record everywhere at once).
- ``all-section-stories``, ``all-tag-stories``, ``all-author-stories``: the
  coarse key of each kind of list, carried by every page that carries a list of
  that kind (``with_coarse_keys()``). A change touching more than
  ``NEWSROOM_PAGE_CACHE_COARSE_AFTER`` lists of one kind (an import batch
  names hundreds of topics and authors) bumps that one key instead of each
  list (``coarsened()``): every page showing a list of the kind is forgotten,
  for one cache write instead of hundreds (one file each in the file cache).
- ``front:<place>`` (``front:home``, ``front:section-3``): recorded by the pages
  showing a curated front (``shows_front()``), bumped when it is published or
  restored. The stories placed on it are recorded as waiting, and the next
  change of a slot's schedule or the banner's expiry as ``until:<epoch seconds>``:
  like a story's release, the page is kept no longer than that.
- ``suggestions:<pk>``: recorded by the article page of story ``pk`` for its
  "More on this" (``shows_suggestions_of()``). It carries no list key: it draws
  on its section and topics, which a wire import of fifty stories touches all
  of, so every article page would be forgotten with every import for a list
  that seldom changes. The content core keeps each list and says when one is
  out of date (``articles.signals.suggestions_outdated``, frontend/related.py
  bumps this key); the stories it shows are recorded as on any page, so their
  edits and withdrawals show at once. The article view says
  ``every_part_tracked()``: every part of its page is on keys, so it may
  outlive ``NEWSROOM_PAGE_CACHE_SECONDS``.

``keys_for_changes()`` turns the content core's ``content_changed`` into the
keys to bump. A story counts as "listed" when its status is *published*, even
while scheduled or embargoed, so that scheduling a story refreshes the lists it
will join and they are then kept no longer than its release
(``frontend/caching.py``). A change to a story that is listed neither before
nor after (a draft never published) touches no public page.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db.models import Q
from django.db.models.signals import post_init
from taggit.models import Tag, TaggedItem

from articles.models import Author, Byline, Outlet, Section, Story, is_public
from fronts.models import Banner, Front
from media.models import Image

STORIES = "stories"
SECTIONS = "sections"
BREAKING = "breaking"
SITE = "site"
# Every page through the page cache carries these.
EVERY_PAGE = frozenset({SECTIONS, BREAKING, SITE})
LIST_PREFIXES = ("section-stories:", "tag-stories:", "author-stories:")
COARSE_KEYS = {prefix: f"all-{prefix.removesuffix(':')}" for prefix in LIST_PREFIXES}
# A story the page loaded that is not public (yet): a related link's target,
# say. Not a key to bump: the page is kept no longer than that story's release.
WAITING_PREFIX = "waiting-story:"
# The moment (epoch seconds) the page changes by itself: a banner's expiry, a slot's
# schedule. Not a key to bump either: the page is kept no longer than that.
UNTIL_PREFIX = "until:"
# Not a key either: the view said every part of its page is covered by the keys above
# (``every_part_tracked()``).
EVERY_PART_TRACKED = "every-part-tracked"

RECORDED = {
    Story: "story",
    Section: "section",
    Author: "author",
    Tag: "tag",
    Outlet: "outlet",
    Image: "image",
}
# Fields of a story that decide which lists it is on, and where.
LISTING_FIELDS = ("status", "publish_at", "embargo_until", "section_id")

_recording = ContextVar("frontend_page_keys", default=None)


@contextmanager
def recording():
    """Collect the keys of what is rendered within the block into the set it yields."""
    keys = set(EVERY_PAGE)
    token = _recording.set(keys)
    try:
        yield keys
    finally:
        _recording.reset(token)


def record(keys):
    """Add ``keys`` to the page being rendered, if one is: a kept fragment's, say."""
    recorded = _recording.get()
    if recorded is not None:
        recorded.update(keys)


def _record_loaded_row(sender, instance, **kwargs):
    """``post_init`` receiver for the models in ``RECORDED`` (connected in FrontendConfig.ready)."""
    keys = _recording.get()
    if keys is not None:
        _add_keys(keys, instance)


def keys_of(*instances):
    """The keys recorded when these rows were loaded (None and unsaved ones left out)."""
    keys = set()
    for instance in instances:
        if instance is not None:
            _add_keys(keys, instance)
    return keys


def _add_keys(keys, instance):
    if instance.pk is None:
        return
    keys.add(f"{RECORDED[type(instance)]}:{instance.pk}")
    if type(instance) is Story and not _known_public(instance):
        keys.add(f"{WAITING_PREFIX}{instance.pk}")


def _known_public(story):
    loaded = story.__dict__
    if not all(name in loaded for name in ("status", "publish_at", "embargo_until")):
        return False
    return is_public(story)


def _record_banner(sender, instance, **kwargs):
    """``post_init`` receiver for banners: the page showing one is kept no longer than it shows."""
    if instance.pk is not None and "expires_at" in instance.__dict__:
        changes_at(instance.expires_at)


def connect_recording():
    for model in RECORDED:
        post_init.connect(_record_loaded_row, sender=model, dispatch_uid=f"page-keys-{model.__name__}")
    post_init.connect(_record_banner, sender=Banner, dispatch_uid="page-keys-Banner")


def changes_at(moment):
    """The page being rendered changes by itself at ``moment`` (an aware datetime)."""
    keys = _recording.get()
    if keys is not None and moment is not None:
        keys.add(f"{UNTIL_PREFIX}{int(moment.timestamp())}")


def seconds_until_change(keys, now):
    """Seconds until the earliest ``changes_at()`` moment among ``keys``, or None."""
    moments = [int(key.removeprefix(UNTIL_PREFIX)) for key in keys if key.startswith(UNTIL_PREFIX)]
    return max(0, min(moments) - int(now.timestamp())) if moments else None


def shows_front(place, shown):
    """Called by a view showing the front of ``place`` (``fronts.models.place_of``), as
    ``shown`` (``fronts.assembly.ShownFront``): its key, its placed stories, its next change."""
    keys = _recording.get()
    if keys is None:
        return
    keys.add(f"front:{place}")
    keys.update(f"{WAITING_PREFIX}{pk}" for pk in shown.placed)
    changes_at(shown.changes_at)


def shows_stories_of(owner=None):
    """Called by a view that lists public stories: of ``owner`` (a section, tag or author), or all."""
    keys = _recording.get()
    if keys is not None:
        keys.add(list_key(owner))


def suggestions_key(story_pk):
    return f"suggestions:{story_pk}"


def shows_suggestions_of(story):
    """Called by the article view showing ``story``'s "More on this" (frontend/related.py)."""
    keys = _recording.get()
    if keys is not None:
        keys.add(suggestions_key(story.pk))


def every_part_tracked():
    """Called by a view whose page changes only through keys and ``changes_at()`` moments
    (an article): nothing on it goes out of date unannounced, so it may be kept
    ``NEWSROOM_TRACKED_PAGE_CACHE_SECONDS`` rather than ``NEWSROOM_PAGE_CACHE_SECONDS``."""
    keys = _recording.get()
    if keys is not None:
        keys.add(EVERY_PART_TRACKED)


def list_key(owner=None):
    if owner is None:
        return STORIES
    kind = {Section: "section", Tag: "tag", Author: "author"}[type(owner)]
    return f"{kind}-stories:{owner.pk}"


def with_coarse_keys(keys):
    """``keys`` and the coarse key of each kind of list among them: what a page is stored under."""
    return keys | {COARSE_KEYS[prefix] for key in keys for prefix in LIST_PREFIXES if key.startswith(prefix)}


def coarsened(keys):
    """``keys`` to bump, the lists of a kind replaced by its coarse key when there are too many.

    Why: each key bumped is a cache write (a file each with the default cache,
    about a millisecond on a busy disk), and a batch of 200 imported stories
    touched some 550 lists. Past the limit nearly every page showing such a
    list was forgotten anyway; a page is never kept too long, since it carries
    the coarse key of every kind of list it shows."""
    limit = settings.NEWSROOM_PAGE_CACHE_COARSE_AFTER
    keys = set(keys)
    for prefix, coarse in COARSE_KEYS.items():
        lists = {key for key in keys if key.startswith(prefix)}
        if len(lists) > limit:
            keys = (keys - lists) | {coarse}
    return keys


def is_list_key(key):
    return key == STORIES or key.startswith(LIST_PREFIXES)


def release_filter(keys):
    """A filter of the stories whose release could change a page with ``keys``:
    ``None`` for none, ``Q()`` for any (the page lists every story)."""
    if STORIES in keys:
        return Q()
    found = {"section": set(), "tag": set(), "author": set(), "waiting": set()}
    for key in keys:
        kind, _, pk = key.partition(":")
        kind = kind.removesuffix("-stories").removesuffix("-story")
        if kind in found and (key.startswith(LIST_PREFIXES) or key.startswith(WAITING_PREFIX)):
            found[kind].add(int(pk))
    if not any(found.values()):
        return None
    return (
        Q(section_id__in=found["section"])
        | Q(section__parent_id__in=found["section"])
        | Q(tags__in=found["tag"])
        | Q(bylines__author_id__in=found["author"])
        | Q(pk__in=found["waiting"])
    )


# From changes to keys


def keys_for_changes(changes):
    """The keys whose pages ``changes`` (``articles.signals.Change``) may alter, and the
    stories that joined or left lists: ``story_lists()`` of those, once committed, is
    where they are now (their topics and bylines may be written after the story)."""
    keys, moved_stories = set(), set()
    for change in changes:
        keys |= _keys_for(change, moved_stories)
    return keys, moved_stories


def _keys_for(change, moved_stories):
    model, instance = change.model, change.instance
    if model is Story:
        if change.instances:
            listed = [story.pk for story in change.instances if story.status == Story.Status.PUBLISHED]
            moved_stories.update(listed)
            # A story inserted just now is on no cached page yet, only its lists are to bump
            # (an import inserts thousands: a key each would be thousands of cache writes).
            return set() if change.created else {f"story:{pk}" for pk in listed}
        if change.pks:
            moved_stories.update(change.pks)
            return {f"story:{pk}" for pk in change.pks}
        if instance is not None:
            return _story_change(change, moved_stories)
        return {SITE}
    if model is Front and instance is not None:
        return {f"front:{instance.place}"}
    if model is Banner:
        return {BREAKING}
    if model is Section and instance is not None:
        parents = {instance.parent_id, (change.previous or {}).get("parent_id")} - {None}
        keys = {f"section:{instance.pk}", f"section-stories:{instance.pk}", SECTIONS}
        keys |= {f"section-stories:{pk}" for pk in parents}
        if change.created or change.deleted or change.previous is None or len(parents) > 1:
            keys.add(STORIES)  # the home page groups stories by desk
        return keys
    if model in (Author, Tag, Outlet, Image) and instance is not None:
        kind = RECORDED[model]
        keys = {f"{kind}:{instance.pk}"}
        if change.deleted and model not in (Outlet, Image):
            keys.add(f"{kind}-stories:{instance.pk}")
        return keys
    if model is TaggedItem and isinstance(instance, Story):  # taggit's m2m_changed
        if not _listed_story(instance.pk, instance):
            return set()
        pks = change.related_pks if change.related_pks is not None else _tag_pks([instance.pk])
        return {f"story:{instance.pk}", *(f"tag-stories:{pk}" for pk in pks)}
    if model is TaggedItem and instance is not None:
        if instance.content_type.model_class() is not Story or not _listed_story(instance.object_id):
            return set()
        return {f"story:{instance.object_id}", f"tag-stories:{instance.tag_id}"}
    if model is Byline and instance is not None:
        if not _listed_story(instance.story_id):
            return set()
        authors = {instance.author_id, (change.previous or {}).get("author_id")} - {None}
        return {f"story:{instance.story_id}", *(f"author-stories:{pk}" for pk in authors)}
    story_id = getattr(instance, "story_id", None)
    if story_id is not None:  # corrections, sources, related links, transitions, old slugs
        return {f"story:{story_id}"} if _listed_story(story_id) else set()
    return {SITE}


def _story_change(change, moved_stories):
    story, previous = change.instance, change.previous
    listed_now = not change.deleted and story.status == Story.Status.PUBLISHED
    if change.created:
        listed_before = False
    elif previous is None or "status" not in previous:
        listed_before = True  # unknown: assume the worst
    else:
        listed_before = previous["status"] == Story.Status.PUBLISHED
    if not (listed_now or listed_before):
        return set()
    keys = {f"story:{story.pk}"}
    moved = (
        change.created
        or change.deleted
        or previous is None
        or any(name not in previous or previous[name] != getattr(story, name) for name in LISTING_FIELDS)
    )
    if moved:
        keys.add(STORIES)
        sections = {story.section_id, (previous or {}).get("section_id")} - {None}
        keys |= _section_lists(sections)
        if not change.deleted:  # a deleted story's bylines and topics were announced as they went
            moved_stories.add(story.pk)
    return keys


def _listed_story(pk, story=None):
    if story is not None and "status" in story.__dict__:
        return story.status == Story.Status.PUBLISHED
    return Story.objects.filter(pk=pk, status=Story.Status.PUBLISHED).exists()


def _section_lists(section_pks):
    parents = Section.objects.filter(pk__in=section_pks, parent__isnull=False).values_list(
        "parent_id", flat=True
    )
    return {f"section-stories:{pk}" for pk in {*section_pks, *parents}}


def _tag_pks(story_pks):
    return set(
        TaggedItem.objects.filter(
            content_type__app_label="articles", content_type__model="story", object_id__in=story_pks
        ).values_list("tag_id", flat=True)
    )


def story_lists(story_pks):
    """The lists these stories are on now: the site's, their sections', topics' and authors'."""
    stories = Story.objects.filter(pk__in=story_pks)
    sections = set(stories.values_list("section_id", flat=True))
    authors = Byline.objects.filter(story_id__in=story_pks).values_list("author_id", flat=True)
    return {
        STORIES,
        *_section_lists(sections),
        *(f"tag-stories:{pk}" for pk in _tag_pks(story_pks)),
        *(f"author-stories:{pk}" for pk in set(authors)),
    }
