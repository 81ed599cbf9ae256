"""What django-reversion keeps when a story changes.

A story's revision holds the story and the rows that make up what readers
see of it: bylines, sources, related links and corrections. Imports record a
revision for every version they save (articles/importers/saving.py), so the
text a newer wire version replaced can be looked up and restored.

Registration happens here, once, from ``ArticlesConfig.ready()``. The admin
may use ``reversion.admin.VersionAdmin``, which registers its model itself if
nobody did; whichever runs first, ``register_story_revisions`` leaves one
registration with the follow list below.
"""

import reversion

STORY_FOLLOWS = ["bylines", "sources", "related_links", "corrections"]


def _register(model, **options):
    if reversion.is_registered(model):
        reversion.unregister(model)
    reversion.register(model, **options)


def register_story_revisions():
    from articles.models import Byline, Correction, RelatedLink, SourceAttribution, Story

    for model in (Byline, SourceAttribution, RelatedLink, Correction):
        _register(model)
    _register(Story, follow=STORY_FOLLOWS)
