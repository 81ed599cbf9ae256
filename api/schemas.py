"""The shapes the API answers with, for its OpenAPI description (ninjs 3.x for stories)."""

from ninja import Field, Schema


class Error(Schema):
    detail: str


class Value(Schema):
    value: str
    role: str | None = None
    contentType: str | None = None


class Subject(Schema):
    name: str
    rel: str
    literal: str | None = None


class Genre(Schema):
    literal: str
    name: str


class InfoSource(Schema):
    name: str
    uri: str | None = None


class Association(Schema):
    name: str
    rel: str
    uri: str
    type: str
    headlines: list[Value]
    infoSources: list[InfoSource] | None = None


class AltId(Schema):
    role: str
    value: str


class NinjsStory(Schema):
    """An IPTC ninjs 3.x text item, as ``export_stories`` writes it."""

    standard: dict[str, str] = Field(..., description="name, version and schema of the standard (ninjs 3.x)")
    uri: str
    type: str
    version: str
    versionCreated: str | None = None
    firstCreated: str | None = None
    embargoedUntil: str | None = None
    pubStatus: str
    language: str
    headlines: list[Value]
    descriptions: list[Value] | None = None
    by: str | None = None
    bodies: list[Value]
    subjects: list[Subject]
    genres: list[Genre]
    infoSources: list[InfoSource] | None = None
    associations: list[Association] | None = None
    altIds: list[AltId]


class Page(Schema):
    next: str | None = Field(None, description="Address of the next page; null on the last page.")


class StoryPage(Page):
    items: list[NinjsStory]


class SectionOut(Schema):
    slug: str
    name: str
    parent: str | None
    url: str


class SectionPage(Page):
    items: list[SectionOut]


class AuthorOut(Schema):
    slug: str
    name: str
    is_agency: bool
    url: str


class AuthorPage(Page):
    items: list[AuthorOut]


class TopicOut(Schema):
    slug: str
    name: str
    url: str


class TopicPage(Page):
    items: list[TopicOut]
