"""python manage.py import_stories, in the plain-text reference format."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Story
from tests.helpers import page, texts
from tests.project_files import FILES
from tests.samples import REFERENCE_STORY, needs_samples

pytestmark = pytest.mark.django_db
PROJECT_DIR = Path(__file__).resolve().parents[2]
# The project's own story in the reference story's shape, for what any good file shows.
STAND_IN = FILES / "text" / "reference-style-story.txt"
STAND_IN_HEADLINE = "Coastal Towns Agree Shared Plan to Protect Dunes From Winter Storms"


def run_import(*args):
    """Run the command; return the CommandError it ended with, or None."""
    try:
        call_command("import_stories", *map(str, args))
        failed = None
    except CommandError as error:
        failed = error
    return failed


@pytest.fixture
def imported_reference(world, client):
    assert run_import(REFERENCE_STORY, "--publish", "--section", "world") is None
    story = Story.objects.get()
    return story, page(client.get(story.get_absolute_url()))


def reference_paragraphs():
    blocks = [b.strip() for b in REFERENCE_STORY.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    # Headline first; subheadings end in ":"; the trailing "Related News" is not a paragraph.
    return [b for b in blocks[1:] if not b.endswith(":") and b != "Related News"]


@needs_samples
def test_reference_story_headline_is_the_only_h1(imported_reference):
    _story, tree = imported_reference
    assert texts(tree, "//h1") == [
        "Biden Holds Virtual Summit With Putin Amid Fears That Russia Will Invade Ukraine"
    ]


@needs_samples
def test_reference_story_subheadings_are_h2_without_colon(imported_reference):
    _, tree = imported_reference
    body_h2 = texts(tree, "//div[@class='story__body']/h2")
    assert body_h2 == ["Tensions mount", "US would send troops to Eastern Europe"]


@needs_samples
def test_reference_story_keeps_every_paragraph_in_order_with_curly_quotes(imported_reference):
    _, tree = imported_reference
    rendered = texts(tree, "//div[@class='story__body']/p")
    assert rendered == reference_paragraphs()
    assert len(rendered) == 11
    assert any("“We’ve consulted significantly" in p for p in rendered)
    assert any("Putin’s purported concern" in p for p in rendered)


@needs_samples
def test_reference_story_lists_outlets_it_credits_as_sources(imported_reference):
    _, tree = imported_reference
    assert texts(tree, "//section[@class='story__sources']//li") == ["The New York Times", "The Guardian"]


@needs_samples
def test_empty_related_news_block_leaves_no_trace(imported_reference):
    story, tree = imported_reference
    assert "Related News" not in story.body
    assert not tree.xpath("//section[@class='story__related']")
    assert "Related News" not in tree.text_content()


@needs_samples
def test_related_news_block_becomes_links_and_titles(world, client, tmp_path):
    text = REFERENCE_STORY.read_text(encoding="utf-8").rstrip() + (
        "\nUkraine braces for winter - https://example.org/ukraine-winter\n"
        "Nato allies meet in Brussels\n"
        "Sanctions explained – https://example.com/sanctions?a=1&b=2\n"
    )
    variant = tmp_path / "variant.txt"
    variant.write_text(text, encoding="utf-8")
    assert run_import(variant, "--publish", "--section", "world") is None
    tree = page(client.get(Story.objects.get().get_absolute_url()))

    items = tree.xpath("//section[@class='story__related']//li")
    assert [" ".join(li.text_content().split()) for li in items] == [
        "Ukraine braces for winter",
        "Nato allies meet in Brussels",
        "Sanctions explained",
    ]
    assert items[0].xpath("a/@href") == ["https://example.org/ukraine-winter"]
    assert items[1].xpath("a") == []  # a bare title stays plain text
    assert items[2].xpath("a/@href") == ["https://example.com/sanctions?a=1&b=2"]
    assert "Related News" not in Story.objects.get().body


def test_without_publish_the_story_is_a_draft_readers_cannot_see(world, client):
    assert run_import(STAND_IN, "--section", "world") is None
    story = Story.objects.get()
    assert story.status == Story.Status.DRAFT
    assert client.get(story.get_absolute_url()).status_code == 404


def test_importing_the_same_file_twice_updates_not_duplicates(world, tmp_path, capsys):
    story_file = tmp_path / "story.txt"
    story_file.write_text("First headline\n\nFirst paragraph.\n", encoding="utf-8")
    run_import(story_file, "--section", "world")
    run_import(story_file, "--section", "world")
    assert "unchanged" in capsys.readouterr().out

    story_file.write_text("Better headline\n\nFirst paragraph, corrected.\n", encoding="utf-8")
    run_import(story_file, "--section", "world")
    story = Story.objects.get()
    assert story.headline == "Better headline"
    assert "corrected" in story.body


def test_dry_run_reports_but_saves_nothing(world, capsys):
    assert run_import(STAND_IN, "--dry-run", "--section", "world") is None
    assert Story.objects.count() == 0
    out = capsys.readouterr().out
    assert "created" in out and "Dry run" in out


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"\n\n  \n", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        ("headline-only.txt", b"Just a headline\n", "no body"),
    ],
)
def test_bad_file_is_refused_with_one_line_naming_it_and_others_still_import(
    world, tmp_path, capsys, name, content, reason
):
    bad = tmp_path / name
    bad.write_bytes(content)
    error = run_import(bad, STAND_IN, "--section", "world")

    assert error is not None  # non-zero exit
    err_lines = capsys.readouterr().err.strip().splitlines()
    assert len(err_lines) == 1
    assert str(bad) in err_lines[0] and reason in err_lines[0]
    assert list(Story.objects.values_list("headline", flat=True)) == [STAND_IN_HEADLINE]


def test_missing_path_is_reported(world, tmp_path, capsys):
    missing = tmp_path / "nope.txt"
    assert run_import(missing, STAND_IN, "--section", "world") is not None
    assert f"{missing}: no such file" in capsys.readouterr().err
    assert Story.objects.count() == 1


def test_unknown_section_is_refused_once_before_reading_any_file(world, tmp_path, capsys):
    for name in ("one.txt", "two.txt"):
        (tmp_path / name).write_text(f"Headline {name}\n\nA paragraph.\n", encoding="utf-8")
    error = run_import(tmp_path, "--section", "atlantis")
    assert str(error) == "unknown section 'atlantis' (known sections: world)"
    assert capsys.readouterr().err == ""  # said once, by the command's error, not once per file
    assert Story.objects.count() == 0


@pytest.mark.slow
def test_the_command_exits_non_zero_on_failure(tmp_path):
    """As cron sees it: a real process and its exit status."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "manage.py", "import_stories", str(empty)],
        capture_output=True, text=True, cwd=PROJECT_DIR, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert f"{empty}: the file is empty" in result.stderr
