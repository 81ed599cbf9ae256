"""import_stories on the project's own NITF 3.x files (tests/files/nitf)."""

from datetime import UTC, date, datetime

import pytest

from articles.models import Section, Story
from tests.helpers import page, texts
from tests.importing import import_stories
from tests.project_files import FILES, author_names, blocks, imported, paragraphs, source_names
from wire.models import ImportRecord

pytestmark = pytest.mark.django_db

USABLE = FILES / "nitf" / "nitf-telescope-library.xml"
CANCELED = FILES / "nitf" / "nitf-telescope-library-canceled.xml"
DTD_ADDRESS = "http://127.0.0.1:9/dtd/nitf-3-4.dtd"


def test_nitf_headline_abstract_as_dek_and_byline_without_its_title(world):
    story = imported(USABLE)
    assert story.headline == "Harrowby library lends out telescopes, and the waiting list is long"
    # the abstract wins over hl2, and its hard-wrapped lines are joined
    assert story.dek == "The town library now lends telescopes for a fortnight at a time."
    # "By ODILE FAIRWEATHER <byttl>Science Correspondent</byttl>": wire capitals tidied, title left out
    assert author_names(story) == ["Odile Fairweather"]
    assert story.credit_line == "Additional reporting by Priya Castellane."  # body.end tagline
    assert source_names(story) == ["Newsroom Test Wire"]  # distributor
    assert story.story_type == Story.StoryType.FEATURE  # tobject.property.type


def test_nitf_body_keeps_the_dateline_paragraphs_subheads_and_list(world):
    story = imported(USABLE)
    assert blocks(story) == [
        ("p", "HARROWBY, Northmoor — The public library here has started lending telescopes the way "
              "it lends novels, and forty families have already joined the waiting list for its six "
              "instruments."),
        ("p", "Each telescope comes in a padded case with a star chart, a red torch and a laminated card of "
              "tips written by the town's amateur astronomy club."),
        ("h2", "How the loans work"),
        ("p", "Borrowers keep a telescope for two weeks and can renew once if nobody is waiting."),
        ("h2", "What borrowers say"),
        ("p", "Early borrowers had three pieces of advice:"),
        ("ul", ["Clear nights: check the forecast before collecting.",
                "Dark skies: the reservoir car park is the darkest spot in town.",
                "Patience: let your eyes adjust for twenty minutes."]),
        ("p", "The library plans to buy four more telescopes in the autumn."),
    ]  # fmt: skip
    assert story.body.count("<li>") == 3
    assert "<li><em>Dark skies:</em> the reservoir car park" in story.body


def test_nitf_leaves_out_pictures_and_notes_for_editors(world):
    story = imported(USABLE)
    assert "CAPTION MARKER" not in story.body and "telescope.jpg" not in story.body
    assert "EDITORS' NOTE" not in story.body


def test_nitf_dates_keywords_subjects_and_section(world, settings):
    settings.TIME_ZONE = "UTC"  # the dateline date is the site's local date
    science = Section.objects.create(name="Science", slug="science")
    story = imported(USABLE)
    assert story.section == science  # pubdata position.section
    assert story.publish_at == datetime(2024, 4, 12, 13, 0, tzinfo=UTC)  # date.publication, -0400
    assert story.updated_at == datetime(2024, 4, 12, 12, 15, tzinfo=UTC)  # date.issue
    assert story.embargo_until == datetime(2024, 4, 12, 14, 0, tzinfo=UTC)  # date.release
    assert story.dateline_date == date(2024, 4, 12)
    assert "/2024/04/12/" in story.get_absolute_url()
    # keywords, then each subject at its most specific level
    assert set(story.tags.names()) == {"libraries", "stargazing", "Science and Technology", "Astronomy"}
    record = ImportRecord.objects.get()
    assert (record.guid, record.version, record.format) == ("nrtw.2024.0412.telescopes", "1", "nitf")


def test_canceled_nitf_withdraws_the_published_story(world, client, django_capture_on_commit_callbacks):
    story = imported(USABLE, "--publish", "--section", "world")
    assert client.get(story.get_absolute_url()).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):  # the page cache learns of the change on commit
        run = import_stories(CANCELED)
    assert run.ok, run.err
    assert f"withdrawn  {CANCELED}: " in run.out
    story.refresh_from_db()
    assert story.status == Story.Status.UNPUBLISHED
    assert story.headline == "Harrowby library lends out telescopes, and the waiting list is long"  # kept
    assert client.get(story.get_absolute_url()).status_code == 404
    assert ImportRecord.objects.get().version == "2"


def test_canceled_nitf_arriving_first_keeps_the_older_usable_one_out(world):
    # In one folder the canceled file's name sorts first.
    run = import_stories(FILES / "nitf")
    assert run.ok, run.err
    assert "(canceled item that was never imported)" in run.out
    assert "(version 1 is older than 2)" in run.out
    assert Story.objects.count() == 0


def test_the_external_dtd_is_never_loaded_and_the_story_still_imports(world, tmp_path, client):
    text = USABLE.read_text(encoding="utf-8")
    assert f'<!DOCTYPE nitf SYSTEM "{DTD_ADDRESS}">' in text
    # A DTD that cannot be parsed: reading it would make the whole document fail.
    dtd = tmp_path / "nitf-3-4.dtd"
    dtd.write_text("<!ELEMENT broken", encoding="utf-8")
    local = tmp_path / "nitf-with-local-dtd.xml"
    local.write_text(text.replace(DTD_ADDRESS, dtd.as_uri()), encoding="utf-8")

    run = import_stories(local, "--publish", "--section", "world")
    assert run.ok, run.err
    story = Story.objects.get()
    tree = page(client.get(story.get_absolute_url()))
    assert texts(tree, "//h1") == ["Harrowby library lends out telescopes, and the waiting list is long"]
    assert paragraphs(story)[-1] == "The library plans to buy four more telescopes in the autumn."
