"""Pictures that wire items carry become library images (tests/files/pictures holds an item
of each format with its picture beside it); remote pictures are recorded, never fetched;
a missing picture is reported and the story imports without it. Fetching from allowed hosts:
test_import_remote_pictures.py."""

import json
import shutil
from pathlib import Path

import pytest
from django.urls import reverse

from articles.models import Story
from media.models import Image
from tests.importing import import_stories, run_command
from tests.pictures import picture_bytes
from tests.project_files import FILES
from tests.samples import SAMPLES, needs_samples
from wire.models import HeldUpdate

pytestmark = pytest.mark.django_db
PICTURES = FILES / "pictures"
NOT_FETCHED = (
    "picture not fetched (remote; only local files and the hosts in "
    "NEWSROOM_WIRE_PICTURE_HOSTS are imported): "
)


def story(headline_start):
    return Story.objects.select_related("lead_image").get(headline__startswith=headline_start)


@pytest.mark.parametrize(("path", "headline", "expected"), [
    ("ninjs-lifeboat-picture.json", "Kelsby lifeboat", (
        "Lifeboat at sea", "CAPTION MARKER: the Kelsby lifeboat on exercise off Gull Point.",
        "Brannagh Sollis / Newsroom Test Wire", "An orange lifeboat on a grey sea under a low sun", (96, 64),
    )),
    ("nitf-quay-crane-picture.xml", "The quay's old crane", (
        "quay crane", "CAPTION MARKER: the crane has stood on the quay since 1911.", "Yusuf Brandreth",
        "A rusting crane against a pale sky", (80, 80),
    )),
    ("newsml-gull-picture.xml", "Gull census", (
        "gull", "", "Ayodele Quist / Newsroom Test Wire", "", (120, 68),
    )),
    ("rss-ferry-picture.rss", "Night ferry", ("ferry deck", "", "Hollis Marchetti", "", (96, 64))),
])  # fmt: skip
def test_each_format_brings_its_picture_into_the_library(world, path, headline, expected):
    run = import_stories(PICTURES / path)
    assert run.ok, run.err
    image = story(headline).lead_image
    assert (image.title, image.caption, image.credit, image.alt_text, (image.width, image.height)) == expected
    assert image.uploaded_by.username == "wire"


LINKED_PICTURE_MESSAGE = """<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">
  <header><sent>2024-07-11T08:05:00+01:00</sent></header>
  <itemSet>
    <newsItem guid="urn:newsml:wire.newsroom-tests.example:20240711:cliff-path" version="1"
              standard="NewsML-G2" standardversion="2.29" xml:lang="en-GB">
      <itemMeta>
        <itemClass qcode="ninat:text"/>
        <provider literal="Newsroom Test Wire"/>
        <versionCreated>2024-07-11T08:00:00+01:00</versionCreated>
        <link rel="irel:associatedWith"
              residref="urn:newsml:wire.newsroom-tests.example:20240711:cliff-gull"/>
      </itemMeta>
      <contentMeta><headline>Cliff path reopens after the nesting season</headline></contentMeta>
      <contentSet>
        <inlineData contenttype="text/plain">Walkers may use the path again.</inlineData>
      </contentSet>
    </newsItem>
    <newsItem guid="urn:newsml:wire.newsroom-tests.example:20240711:cliff-gull" version="1"
              standard="NewsML-G2" standardversion="2.29" xml:lang="en-GB">
      <itemMeta>
        <itemClass qcode="ninat:picture"/>
        <provider literal="Newsroom Test Wire"/>
        <versionCreated>2024-07-11T07:30:00+01:00</versionCreated>
      </itemMeta>
      <contentMeta>
        <headline>Gull over the cliff path</headline>
        <description role="drol:caption">A herring gull above the reopened path.</description>
        <description role="drol:alternativeText">A white gull gliding above a grassy cliff edge</description>
        <creditline>Ayodele Quist / Newsroom Test Wire</creditline>
      </contentMeta>
      <contentSet>
        <remoteContent contenttype="image/jpeg" href="https://pictures.newsroom-tests.example/gull-large.jpg"/>
        <remoteContent contenttype="image/webp" href="gull.webp"/>
      </contentSet>
    </newsItem>
  </itemSet>
</newsMessage>
"""


def test_a_newsml_story_brings_the_picture_item_it_links_to(world, tmp_path):
    shutil.copy(PICTURES / "gull.webp", tmp_path)
    (tmp_path / "message.xml").write_text(LINKED_PICTURE_MESSAGE, encoding="utf-8")
    run = import_stories(tmp_path / "message.xml")
    assert run.ok and "note" not in run.out, run.out
    assert "2 found: 1 created" in run.out and "1 skipped" in run.out  # the picture item is no story
    image = story("Cliff path reopens").lead_image
    assert (image.title, image.caption, image.credit, image.alt_text, image.format) == (
        "Gull over the cliff path", "A herring gull above the reopened path.",
        "Ayodele Quist / Newsroom Test Wire", "A white gull gliding above a grassy cliff edge", "WEBP",
    )  # fmt: skip


def test_a_missing_picture_is_reported_and_the_story_still_imports(world):
    run = import_stories(PICTURES / "ninjs-lifeboat-picture.json")
    assert run.ok and "1 created" in run.out
    assert "note  " in run.out and "picture file missing: old-station-missing.jpg" in run.out
    assert run.out.splitlines()[-1].endswith("0 failed. 1 picture(s) not added, see the notes.")


def test_remote_pictures_are_recorded_in_the_summary_but_never_fetched_by_default(world, monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the importer tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    run = import_stories(PICTURES / "newsml-gull-picture.xml")
    assert run.ok, run.err
    assert f"{NOT_FETCHED}https://pictures.newsroom-tests.example/gull-large.jpg" in run.out
    assert Image.objects.count() == 1


def test_a_picture_outside_the_imported_files_folder_is_not_read(world, tmp_path):
    (tmp_path / "secret.jpg").write_bytes(picture_bytes((40, 30)))
    folder = tmp_path / "drop"
    folder.mkdir()
    item = json.loads((PICTURES / "ninjs-lifeboat-picture.json").read_text())
    item["associations"] = [{"type": "picture", "renditions": [{"href": "../secret.jpg"}], "by": "X"}]
    (folder / "item.json").write_text(json.dumps(item))
    run = import_stories(folder / "item.json")
    assert run.ok and "picture outside the imported file's folder, not read: ../secret.jpg" in run.out
    assert not Image.objects.exists()


def test_the_same_picture_sent_with_two_stories_is_one_library_image(world, tmp_path):
    shutil.copy(PICTURES / "lifeboat-at-sea.jpg", tmp_path)
    item = json.loads((PICTURES / "ninjs-lifeboat-picture.json").read_text())
    for number in (1, 2):
        item["uri"] = f"https://wire.newsroom-tests.example/text/2024/lifeboat-{number}"
        item["headlines"] = [{"role": "main", "value": f"Lifeboat story {number}"}]
        (tmp_path / f"story-{number}.json").write_text(json.dumps(item))
    assert import_stories(tmp_path).ok
    assert Image.objects.count() == 1
    assert story("Lifeboat story 1").lead_image == story("Lifeboat story 2").lead_image


def stored_files(settings):
    return sorted(path.name for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file())


@pytest.mark.parametrize("mode", [[], ["--strict"]])
def test_an_item_refused_after_its_picture_was_stored_leaves_no_file(world, tmp_path, settings, mode):
    shutil.copy(PICTURES / "lifeboat-at-sea.jpg", tmp_path)
    item = json.loads((PICTURES / "ninjs-lifeboat-picture.json").read_text())
    # A reserved section slug: found only when the section is made, after the picture is stored.
    item["subjects"] = [{"name": "Desk", "rel": "section", "literal": "desk"},
                        {"name": "Admin", "rel": "section", "literal": "admin"}]  # fmt: skip
    (tmp_path / "item.json").write_text(json.dumps(item))
    run = import_stories(tmp_path / "item.json", *mode)
    assert not run.ok and "slug:" in run.error_lines[0], run.out + run.err
    assert not Story.objects.exists() and not Image.objects.exists()
    assert stored_files(settings) == []


def test_a_held_update_stores_its_picture_only_when_the_desk_applies_it(
    world, tmp_path, settings, client, editor
):
    item = json.loads((PICTURES / "ninjs-lifeboat-picture.json").read_text())
    pictures = item.pop("associations")
    (tmp_path / "item.json").write_text(json.dumps(item))
    assert import_stories(tmp_path / "item.json").ok
    Story.objects.update(headline="The desk's own headline")  # the desk's edit
    shutil.copy(PICTURES / "lifeboat-at-sea.jpg", tmp_path)
    (tmp_path / "item.json").write_text(json.dumps({**item, "version": "2", "associations": pictures}))
    run = import_stories(tmp_path / "item.json")
    assert run.ok and HeldUpdate.objects.count() == 1, run.out
    # Its preview was worked out with the picture, then rolled back, file included.
    assert not Image.objects.exists() and stored_files(settings) == []
    client.force_login(editor)
    client.post(reverse("admin:articles_story_apply_wire_update", args=[Story.objects.get().pk]))
    assert Story.objects.get().lead_image.title == "Lifeboat at sea"
    assert len(stored_files(settings)) == 1


def test_a_folder_of_stories_with_pictures_imports_only_the_stories(world):
    run = import_stories(PICTURES)
    assert run.out.splitlines()[-1].startswith("4 found: 4 created")


def test_publishing_on_import_is_refused_while_a_picture_lacks_alt_text(world, settings):
    run = import_stories(PICTURES / "newsml-gull-picture.xml", "--publish")
    assert not run.ok
    [line] = run.error_lines
    gull = Image.objects.filter(title="gull").first()
    assert gull is None  # the refused item saved nothing of itself, its picture included
    assert line.startswith("error: ") and "cannot go out yet: the lead image “gull” (#" in line
    assert line.endswith("needs alt text (or mark it decorative).")
    assert not Story.objects.exists()
    assert stored_files(settings) == []


def test_publishing_on_import_succeeds_when_the_picture_is_ready(world):
    run = import_stories(PICTURES / "nitf-quay-crane-picture.xml", "--publish")
    assert run.ok, run.err
    assert story("The quay's old crane").is_public()


def usable_copy_of_the_nitf_sample(folder):
    """The IPTC NITF sample with its picture reference, sent as a usable (not canceled) item."""
    text = (SAMPLES / "nitf" / "iptc-nitf-fishing.xml").read_text(encoding="utf-8")
    (folder / "fishing.xml").write_text(text.replace('management-status="canceled"', ""), encoding="utf-8")
    return folder / "fishing.xml"


@needs_samples
def test_the_iptc_nitf_sample_reports_its_absent_picture(world, tmp_path):
    run = import_stories(usable_copy_of_the_nitf_sample(tmp_path))
    assert run.ok, run.err
    assert "picture file missing: high-tide.jpg" in run.out
    assert Story.objects.get().lead_image is None


@needs_samples
def test_the_iptc_nitf_sample_with_its_picture_beside_it(world, tmp_path):
    usable_copy_of_the_nitf_sample(tmp_path)
    (tmp_path / "high-tide.jpg").write_bytes(picture_bytes((278, 185)))
    run = import_stories(tmp_path)
    assert run.ok and "note" not in run.out, run.out
    image = Story.objects.get().lead_image
    assert (image.caption, image.credit, image.alt_text) == (
        "The tides, captured on film late yesterday.",
        "Karben",
        "The tides are high.",
    )


@needs_samples
def test_the_ansa_newsml_sample_records_its_remote_picture(world):
    run = import_stories(SAMPLES / "newsml" / "ansa-newsmlg2-text.xml")
    assert run.ok, run.err
    assert f"{NOT_FETCHED}tag:ansa.it,2017-10-11:" in run.out


@needs_samples
def test_the_tt_ninjs_sample_records_its_remote_picture(world):
    run = import_stories(SAMPLES / "ninjs" / "iptc-2.1-tt_text_image_2.json")
    assert run.ok, run.err
    assert f"{NOT_FETCHED}https://beta.tt.se/" in run.out


def test_export_writes_pictures_back_as_ninjs_associations(world, make_story, picture, tmp_path):
    make_story("Ferries return", lead_image=picture, lead_image_caption="The first boat back.")
    out = tmp_path / "out.jsonl"
    run = run_command("export_stories", out)
    assert run.ok, run.err
    [item] = [json.loads(line) for line in out.read_text().splitlines()]
    [association] = [a for a in item["associations"] if a["type"] == "picture"]
    assert association["rel"] == "featuremedia" and association["by"] == "Ana Lima / Harbour Press"
    assert {d["role"]: d["value"] for d in association["descriptions"]} == {
        "caption": "The first boat back.", "alt": "Fishing boats tied up at the harbour wall",
    }  # fmt: skip
    [rendition] = association["renditions"]
    assert rendition["href"].startswith("https://news.example.org/uploads/originals/")  # tests/conftest.py
    assert (rendition["width"], rendition["height"], rendition["contentType"]) == (1600, 1000, "image/jpeg")
