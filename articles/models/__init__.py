"""The newsroom's content model, split by concern.

Import from ``articles.models`` only; the submodules are an implementation
detail. Dependencies point one way: story -> section, people, and the
story-owned tables (sources, related, corrections, transitions) -> story.
"""

from .corrections import Correction
from .live import LiveUpdate
from .people import Author, Byline
from .related import RelatedLink
from .section import Section
from .sources import Outlet, SourceAttribution
from .story import (
    Story,
    StoryEditConflict,
    StoryQuerySet,
    StorySlugHistory,
    article_relations,
    is_public,
    published_q,
)
from .suggestions import Suggestion
from .transitions import StoryTransition

__all__ = [
    "Author",
    "Byline",
    "Correction",
    "LiveUpdate",
    "Outlet",
    "RelatedLink",
    "Section",
    "SourceAttribution",
    "Story",
    "StoryEditConflict",
    "StoryQuerySet",
    "StorySlugHistory",
    "StoryTransition",
    "Suggestion",
    "article_relations",
    "is_public",
    "published_q",
]
