"""python manage.py export_stories writes ninjs; importing that into an empty database reproduces it."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from taggit.models import Tag

from articles.models import Author, Outlet, RelatedLink, Section, SourceAttribution, Story
from tests.importing import import_stories, run_command
from wire.models import ImportRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom(world, europe, make_story):
    """A small newsroom: nested sections, tags, bylines, credited outlets, related links."""
    wire = Outlet.objects.create(name="Harbour Gazette", url="https://gazette.example.org")
    guardian = Outlet.objects.get(name="The Guardian")
    first = make_story(
        "Ferry strike ends after talks",
        section=europe,
        dek="Unions and operators agree a deal.",
        body=(
            '<p>The strike is over, <a href="https://example.org/deal">the deal</a> says.</p>'
            "<h2>What was agreed</h2><ul><li>Pay rise</li><li>Shorter shifts</li></ul>"
            "<blockquote><p>We are relieved.</p></blockquote>"
        ),
        authors=["Ana Reporter", "Ben Writer"],
        tags=["Ferries", "Strikes"],
        story_type=Story.StoryType.ANALYSIS,
    )
    for position, outlet in enumerate([wire, guardian]):
        SourceAttribution.objects.create(story=first, outlet=outlet, position=position)
    second = make_story("Harbour reopens", section=world, authors=["Ana Reporter"], tags=["Ferries"])
    RelatedLink.objects.create(story=first, position=0, target=second)
    RelatedLink.objects.create(story=first, position=1, title="Background", url="https://example.com/bg",
                               outlet_name="Example Times")  # fmt: skip
    RelatedLink.objects.create(story=first, position=2, title="Earlier coverage, no link")
    make_story("Draft not for export", status=Story.Status.DRAFT)
    return first, second


def snapshot():
    """What readers would notice of every story, keyed by headline."""
    result = {}
    for story in Story.objects.all():
        section = story.section
        result[story.headline] = {
            "section": (section.parent.slug if section.parent_id else None, section.slug, section.name),
            "body": story.body,
            "dek": story.dek,
            "tags": sorted(story.tags.names()),
            "authors": [a.name for a in story.ordered_authors()],
            "sources": [s.outlet.name for s in story.sources.all()],
            "related": [
                (
                    link.display_title,
                    link.href if not link.target_id else link.target.headline,
                    link.outlet_name,
                )
                for link in story.related_links.all()
            ],
            "story_type": story.story_type,
            "publish_at": story.publish_at.replace(microsecond=0),
        }
    return result


def empty_the_database():
    Story.objects.all().delete()
    for model in (ImportRecord, Author, Tag):
        model.objects.all().delete()
    Section.objects.filter(parent__isnull=False).delete()
    Section.objects.all().delete()
    Outlet.objects.filter(name="Harbour Gazette").delete()


def test_export_then_import_into_an_empty_database_reproduces_the_stories(newsroom, tmp_path, settings):
    out = tmp_path / "stories.jsonl"
    assert run_command("export_stories", out).ok
    published = {h: v for h, v in snapshot().items() if h != "Draft not for export"}
    empty_the_database()
    assert Story.objects.count() == Section.objects.count() == 0

    run = import_stories(out, "--publish")
    assert run.ok, run.err
    imported = snapshot()
    internal = f"{settings.NEWSROOM_SITE_URL}{newsroom[1].get_absolute_url()}"
    expected = published["Ferry strike ends after talks"]
    # A link to one of our stories comes back as a link to its address.
    expected["related"][0] = ("Harbour reopens", internal, "")
    assert imported == published
    assert Section.objects.get(slug="europe").parent.slug == "world"


def test_export_writes_ninjs_3_field_names_one_object_per_line(newsroom, tmp_path):
    out = tmp_path / "stories.jsonl"
    assert run_command("export_stories", out).ok
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2  # the draft is not exported
    item = json.loads(lines[0]) if "Ferry" in lines[0] else json.loads(lines[1])
    assert item["standard"]["version"].startswith("3.")
    assert {"uri", "versionCreated", "firstCreated", "pubStatus", "headlines", "bodies", "by"} <= set(item)
    assert item["by"] == "Ana Reporter and Ben Writer"
    assert [s["literal"] for s in item["subjects"] if s["rel"] == "section"] == ["world", "europe"]
    assert [s["name"] for s in item["infoSources"]] == ["Harbour Gazette", "The Guardian"]


def test_export_filters_by_section_and_since(newsroom, tmp_path):
    out = tmp_path / "europe.jsonl"
    assert run_command("export_stories", "--section", "europe", out).ok
    assert [json.loads(line)["headlines"][0]["value"] for line in out.read_text().splitlines()] == [
        "Ferry strike ends after talks"
    ]
    tomorrow = (timezone.now() + timedelta(days=1)).date().isoformat()
    assert run_command("export_stories", "--since", tomorrow, out).ok
    assert out.read_text() == ""
    assert "--since 'soon'" in str(run_command("export_stories", "--since", "soon", out).error)


def test_export_all_includes_drafts(newsroom, tmp_path):
    out = tmp_path / "all.jsonl"
    assert run_command("export_stories", "--all", out).ok
    assert len(out.read_text().splitlines()) == 3


def test_export_takes_a_fixed_number_of_queries_however_many_stories(
    newsroom, make_story, tmp_path, django_assert_max_num_queries
):
    for number in range(30):
        make_story(f"Extra story {number}", authors=["Ana Reporter"], tags=["Ferries"])
    # Stories (one chunk), then bylines+authors, tags, sources+outlets, related links+targets.
    with django_assert_max_num_queries(8):
        assert run_command("export_stories", tmp_path / "all.jsonl").ok
    assert len((tmp_path / "all.jsonl").read_text().splitlines()) == 32
