"""Every file in tests/files imports, is skipped or is refused with one clear line, as staff would see."""

import pytest
from django.utils.html import strip_tags
from taggit.models import Tag

from articles.models import Author, Story
from articles.sanitise import sanitised_text
from tests.importing import import_stories
from tests.project_files import FILES
from wire.models import ImportRecord

pytestmark = pytest.mark.django_db

FOLDERS = ["ninjs", "nitf", "newsml", "feeds", "text", "hostile"]
# What each file gives on its own: stories created, a skip, or the reason it is refused.
EXPECTED = {
    "ninjs/ninjs-1x-night-ferry.json": ("created", 1),
    "ninjs/ninjs-2x-orchard-frost.json": ("created", 1),
    "ninjs/ninjs-3x-chess-prodigy.json": ("created", 1),
    "nitf/nitf-telescope-library.xml": ("created", 1),
    "nitf/nitf-telescope-library-canceled.xml": ("skipped", "canceled item that was never imported"),
    "newsml/newsml-message-bridge-v1.xml": ("created", 1),
    "newsml/newsml-message-bridge-v2-canceled.xml": ("skipped", "canceled item that was never imported"),
    "newsml/newsml-item-embargoed.xml": ("created", 1),
    "feeds/rss-kelsby-gazette.rss": ("created", 3),
    "feeds/atom-river-watch.atom": ("created", 2),
    "text/reference-style-story.txt": ("created", 1),
    "text/byline-and-list.txt": ("created", 1),
    "hostile/script-injection-ninjs.json": ("created", 1),
    "hostile/cp1252-crlf.txt": ("created", 1),
    "hostile/utf8-bom.txt": ("created", 1),
    "hostile/xxe-nitf.xml": ("refused", "the XML declares entities"),
    "hostile/billion-laughs-newsml.xml": ("refused", "the XML declares entities"),
    "hostile/truncated-newsml.xml": ("refused", "not well-formed XML: Premature end of data"),
    "hostile/empty.xml": ("refused", "the file is empty"),
    "realcopy/rss-bylines-clock-topics.rss": ("created", 2),
    "realcopy/rss-advertising-only.rss": ("skipped", "an advertisement, not a story"),
    "realcopy/ninjs-byline-prefix-and-agency.json": ("created", 1),
    "realcopy/ninjs-picture-only.json": (
        "skipped",
        "a picture item, not a story (only text items are imported)",
    ),
    "realcopy/ninjs-withheld-v1.json": ("created", 1),
    "realcopy/ninjs-withheld-v2.json": ("skipped", "canceled item that was never imported"),
    "realcopy/ninjs-withheld-v3.json": ("created", 1),
    "realcopy/newsml-advisory.xml": (
        "skipped",
        "an editors' advisory (genre 'advisory'), not for publication",
    ),
    "realcopy/nitf-correction-notice.xml": ("created", 1),
    "realcopy/text-single-line-breaks.txt": ("created", 1),
    # Each with its picture beside it (tests/wire/test_import_pictures.py says what becomes of them).
    "pictures/ninjs-lifeboat-picture.json": ("created", 1),
    "pictures/nitf-quay-crane-picture.xml": ("created", 1),
    "pictures/newsml-gull-picture.xml": ("created", 1),
    "pictures/rss-ferry-picture.rss": ("created", 1),
}
PICTURE_FILES = {"pictures/lifeboat-at-sea.jpg", "pictures/quay-crane.png", "pictures/gull.webp",
                 "pictures/ferry-deck.jpg"}  # fmt: skip


def test_every_file_has_an_expectation():
    on_disk = {
        path.relative_to(FILES).as_posix()
        for path in FILES.rglob("*")
        if path.is_file() and not path.name.startswith(".") and path.suffix != ".py"
    }
    assert on_disk == set(EXPECTED) | PICTURE_FILES


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_file_imports_is_skipped_or_is_refused_with_one_line(world, name):
    path = FILES / name
    kind, detail = EXPECTED[name]
    run = import_stories(path)
    if kind == "created":
        assert run.ok, run.err
        assert Story.objects.count() == detail
        assert f"{detail} found: {detail} created," in run.out
    elif kind == "skipped":
        assert run.ok, run.err
        assert f"({detail})" in run.out
        assert Story.objects.count() == 0
    else:
        assert not run.ok
        [line] = run.error_lines
        assert line.startswith(f"error: {path}: {detail}")
        assert Story.objects.count() == 0


def test_dry_run_over_every_folder_reports_but_writes_nothing(world):
    run = import_stories(*(FILES / folder for folder in FOLDERS), "--dry-run")
    assert not run.ok  # the refused hostile files
    # In a dry run nothing is remembered, so the usable NITF after its canceled version is "created".
    assert run.out.splitlines()[-1] == (
        "Dry run, nothing saved. Would have: 22 found: 16 created, 0 updated, 0 unchanged, "
        "2 skipped, 0 withdrawn, 4 failed. 3 picture(s) not added, see the notes."
    )  # two remote pictures in the RSS file, the telescope's file not beside its NITF
    assert len(run.error_lines) == 4
    assert Story.objects.count() == ImportRecord.objects.count() == Author.objects.count() == 0
    assert Tag.objects.count() == 0


def test_status_and_section_options_decide_where_stories_land(world, europe):
    run = import_stories(
        FILES / "ninjs" / "ninjs-3x-chess-prodigy.json", "--status", "review", "--section", "europe"
    )
    assert run.ok, run.err
    story = Story.objects.get()
    assert (story.status, story.section) == (Story.Status.IN_REVIEW, europe)


def test_the_fast_text_of_every_imported_body_is_what_strip_tags_gives(world):
    import_stories(*(FILES / folder for folder in FOLDERS))
    bodies = list(Story.objects.values_list("body", flat=True))
    assert len(bodies) == 15  # the usable NITF stays out behind its canceled version
    for body in bodies:
        assert sanitised_text(body) == strip_tags(body)
