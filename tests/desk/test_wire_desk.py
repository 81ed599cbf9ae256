"""The wire desk page in the admin: per source what arrived, what failed (with a retry),
what waits for an editor, wire updates held for stories the desk changed, and sources whose
fetches keep failing."""

import pytest

from articles.models import Story
from tests.helpers import form_data, page, texts
from tests.importing import ninjs_file
from tests.project_files import FILES
from wire.ingest.models import Delivery, Source
from wire.tasks import poll_source

pytestmark = pytest.mark.django_db

DESK = "/admin/wire/source/desk/"


@pytest.fixture(autouse=True)
def _spool(settings, tmp_path):
    settings.NEWSROOM_INGEST_DIR = str(tmp_path / "spool")


@pytest.fixture
def drop(world, tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "chess.json").write_bytes((FILES / "ninjs/ninjs-3x-chess-prodigy.json").read_bytes())
    (folder / "ads.rss").write_bytes((FILES / "realcopy/rss-advertising-only.rss").read_bytes())
    (folder / "broken.json").write_text('{"uri": "urn:test:broken", "type": "text"}')
    source = Source.objects.create(
        name="Agency drop", slug="drop", kind=Source.Kind.FOLDER, folder=str(folder)
    )
    poll_source.apply(args=[source.pk])
    return source, folder


def row(tree, slug):
    [found] = tree.xpath(f"//tr[@data-source='{slug}']")
    return {cell.get("class"): " ".join(cell.text_content().split()) for cell in found.xpath("td")}


def test_counts_per_source_failures_with_reasons_and_what_waits(client, editor, drop):
    client.force_login(editor)
    tree = page(client.get(DESK))
    counts = row(tree, "drop")
    assert (counts["arrived"], counts["created"], counts["skipped"], counts["failed"]) == ("4", "1", "2", "1")
    [failure] = texts(tree, "//ul[@id='wire-failures']/li")
    assert "broken.json" in failure and "the item has no headline" in failure
    waiting = texts(tree, "//ul[@id='wire-waiting']/li/a")
    assert waiting == ["Twelve-year-old wins the Eastmarch open chess title"]


def test_retry_imports_a_failed_delivery_again(client, editor, drop):
    client.force_login(editor)
    tree = page(client.get(DESK))
    [action] = tree.xpath("//ul[@id='wire-failures']//form/@action")
    # The provider's file is fixed in the spool (as an operator would after reading the reason).
    delivery = Delivery.objects.get(name="broken.json")
    with open(delivery.path, "w") as spooled:
        spooled.write('{"uri": "urn:test:broken", "type": "text", "headline": "Fixed", "body_text": "Now."}')
    client.post(action)
    assert Story.objects.filter(headline="Fixed").exists()
    assert texts(page(client.get(DESK)), "//ul[@id='wire-failures']/li") == ["None."]


def test_a_source_failing_repeatedly_is_flagged(client, editor, world):
    Source.objects.create(name="Flaky feed", slug="flaky", kind=Source.Kind.FEED, url="https://feed.example/x",
                          consecutive_failures=3, last_error="cannot fetch: timed out")  # fmt: skip
    Source.objects.create(
        name="Steady feed", slug="steady", kind=Source.Kind.FEED, url="https://feed.example/y"
    )
    client.force_login(editor)
    tree = page(client.get(DESK))
    assert row(tree, "flaky")["state"].startswith("Failing: 3 fetches in a row")
    assert row(tree, "steady")["state"] == "OK"


def test_wire_updates_to_stories_the_desk_changed_are_listed_for_review(client, editor, world, tmp_path):
    folder = tmp_path / "agency"
    folder.mkdir()
    for number in (1, 2):
        ninjs_file(folder, number, f"Ferry story {number}")
    source = Source.objects.create(name="Agency", slug="agency", kind=Source.Kind.FOLDER, folder=str(folder))
    poll_source.apply(args=[source.pk])
    client.force_login(editor)
    edited = Story.objects.get(headline="Ferry story 1")
    change = f"/admin/articles/story/{edited.pk}/change/"
    data = form_data(client.get(change), "story_form", headline="Ferry timetable agreed")
    assert client.post(change, data).status_code == 302
    # Version 2 of both: the untouched story updates itself, the edited one is held.
    for number in (1, 2):
        ninjs_file(folder, number, f"Ferry story {number}, updated", version="2")
    poll_source.apply(args=[source.pk])

    tree = page(client.get(DESK))

    counts = row(tree, "agency")
    assert (counts["arrived"], counts["created"], counts["updated"], counts["held"]) == ("4", "2", "1", "1")
    [held] = tree.xpath("//ul[@id='wire-held']/li")
    assert held.xpath("a/text()") == ["Ferry timetable agreed"]
    assert "version 2" in held.text_content()
    review = page(client.get(held.xpath("a/@href")[0]))
    assert "Ferry story 1, updated" in review.text_content()  # the diff to apply
    [apply] = review.xpath("//form[@id='apply-wire-update']/@action")
    client.post(apply)
    assert texts(page(client.get(DESK)), "//ul[@id='wire-held']/li") == ["None held."]
    assert Story.objects.get(pk=edited.pk).headline == "Ferry story 1, updated"


def test_a_reporter_cannot_see_the_wire_desk(client, reporter):
    client.force_login(reporter)
    assert client.get(DESK).status_code in (302, 403)


def test_only_an_editor_lets_a_source_publish_on_arrival(client, editor, world):
    client.force_login(editor)
    client.post("/admin/wire/source/add/", {
        "name": "Partner", "slug": "partner", "kind": "push", "poll_minutes": "5", "format": "auto",
        "status": "published", "push_secret": "s3cret-s3cret",
    })  # fmt: skip
    source = Source.objects.get(slug="partner")
    assert source.status == "published" and source.publish_allowed_by == editor
