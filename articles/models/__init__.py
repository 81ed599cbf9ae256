"""The newsroom's content model, split by concern.

Import from ``articles.models`` only; the submodules are an implementation
detail. Dependencies point one way: story -> section, people, and the
story-owned tables (sources, related, corrections, provenance) -> story.
"""

from .corrections import Correction
from .people import Author, Byline
from .provenance import ImportRecord
from .related import RelatedLink
from .section import Section
from .sources import Outlet, SourceAttribution
from .story import Story, StoryEditConflict, StoryQuerySet, StorySlugHistory, published_q
from .transitions import StoryTransition

__all__ = [
    "Author",
    "Byline",
    "Correction",
    "ImportRecord",
    "Outlet",
    "RelatedLink",
    "Section",
    "SourceAttribution",
    "Story",
    "StoryEditConflict",
    "StoryQuerySet",
    "StorySlugHistory",
    "StoryTransition",
    "published_q",
]
