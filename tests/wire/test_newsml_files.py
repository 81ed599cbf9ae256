"""import_stories on the project's own NewsML-G2 files (tests/files/newsml)."""

from datetime import UTC, datetime

import pytest
import time_machine
from reversion.models import Version

from articles.models import Section, Story
from tests.helpers import page, texts
from tests.importing import import_stories
from tests.project_files import FILES, author_names, blocks, imported, paragraphs, related, source_names
from wire.models import ImportRecord

pytestmark = pytest.mark.django_db

NEWSML = FILES / "newsml"
BRIDGE = NEWSML / "newsml-message-bridge-v1.xml"
BRIDGE_CANCELED = NEWSML / "newsml-message-bridge-v2-canceled.xml"
BUDGET = NEWSML / "newsml-item-embargoed.xml"
BRIDGE_GUID = "urn:newsml:wire.newsroom-tests.example:20240502:bridge-inspection"


def test_news_message_with_an_inline_xhtml_body(world):
    story = imported(BRIDGE)
    assert story.headline == "Old Mill bridge closes for six weeks of repairs"
    assert story.dek == "Drivers face a nine-kilometre detour through Fennick"  # hld:subHeadline
    assert blocks(story) == [
        ("p", "The Old Mill bridge over the river Lune will close to all traffic from Monday while "
              "engineers replace corroded bearings, the county council said."),
        ("p", "Inspectors found the damage during a routine survey in March. The council said the bridge "
              "was safe but that the repair could not wait for the summer."),
        ("h2", "Detour and buses"),
        ("p", "Drivers will be sent through Fennick, adding about nine kilometres. The number 14 bus will "
              "run a shuttle to the footbridge."),
        ("p", "Pedestrians and cyclists can keep using the footbridge throughout the works."),
    ]  # fmt: skip
    assert 'href="https://council.newsroom-tests.example/roadworks"' in story.body
    for leaked in ("html:", "ns0", "<title", "xmlns"):
        assert leaked not in story.body


def test_news_message_metadata_creator_credit_subjects_in_the_items_language_and_see_also(world):
    story = imported(BRIDGE)
    assert author_names(story) == ["Wendell Okonjo"]  # creator; the provider is not an author
    assert story.credit_line == "Newsroom Test Wire"
    assert source_names(story) == ["Newsroom Test Wire"]
    assert set(story.tags.names()) == {"bridges", "road transport"}  # the English name, not "ponts"
    assert related(story) == [
        ("A short history of the Old Mill bridge",
         "https://wire.newsroom-tests.example/explainers/old-bridge-history"),
    ]  # fmt: skip
    assert story.publish_at == datetime(2024, 5, 2, 7, 0, tzinfo=UTC)  # firstCreated 09:00+02:00
    assert story.updated_at == datetime(2024, 5, 2, 7, 30, tzinfo=UTC)
    record = ImportRecord.objects.get()
    assert (record.guid, record.version, record.format) == (BRIDGE_GUID, "1", "newsml")


def test_the_first_member_of_section_we_have_is_used(world):
    transport = Section.objects.create(name="Transport", slug="transport")
    story = imported(BRIDGE)
    assert story.section == transport  # "Regional" comes first but is not one of ours
    assert not Section.objects.filter(name="Regional").exists()


def test_canceled_newer_version_withdraws_the_published_story_and_the_old_version_stays_out(
    world, client, django_capture_on_commit_callbacks
):
    story = imported(BRIDGE, "--publish", "--section", "world")
    assert client.get(story.get_absolute_url()).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):  # the page cache learns of the change on commit
        run = import_stories(BRIDGE_CANCELED)
    assert run.ok, run.err
    assert f"withdrawn  {BRIDGE_CANCELED}: " in run.out
    assert "(the provider canceled it)" in run.out
    story.refresh_from_db()
    assert story.status == Story.Status.UNPUBLISHED
    assert client.get(story.get_absolute_url()).status_code == 404
    published, withdrawn = Version.objects.get_for_object(story).order_by("pk")
    assert (published.field_dict["status"], withdrawn.field_dict["status"]) == ("published", "unpublished")
    assert ImportRecord.objects.get().version == "2"

    run = import_stories(BRIDGE)
    assert run.ok, run.err
    assert "(version 1 is older than 2)" in run.out
    story.refresh_from_db()
    assert story.status == Story.Status.UNPUBLISHED


def test_dry_run_of_the_canceled_version_says_it_would_withdraw_and_changes_nothing(world):
    story = imported(BRIDGE, "--publish", "--section", "world")
    run = import_stories(BRIDGE_CANCELED, "--dry-run")
    assert run.ok, run.err
    assert "Dry run, nothing saved. Would have: 1 found: 0 created, 0 updated, 0 unchanged, " \
           "0 skipped, 1 withdrawn, 0 failed." in run.out  # fmt: skip
    story.refresh_from_db()
    assert story.status == Story.Status.PUBLISHED
    assert ImportRecord.objects.get().version == "1"


def test_bare_news_item_with_embargo_by_line_and_a_plain_text_body(world):
    story = imported(BUDGET)
    assert story.headline == "Dunmarrow council sets a budget with free swimming for under-16s"
    assert story.dek == "Councillors voted 23 to 9 for a plan paid for by a parking levy."  # drol:summary
    assert author_names(story) == ["Lotte Vandermeer", "Ayodele Quist"]
    assert story.embargo_until == datetime(2024, 6, 3, 20, 0, tzinfo=UTC)  # 22:00+02:00
    assert story.publish_at == datetime(2024, 6, 3, 13, 55, tzinfo=UTC)
    # hard-wrapped lines joined, blank lines separate paragraphs
    assert paragraphs(story) == [
        "Dunmarrow council approved its budget on Monday night, including free swimming for everyone "
        "under sixteen at the town's two public pools.",
        "The plan is paid for by a new levy on workplace parking, which opponents said would push "
        "commuters onto residential streets.",
        'Council leader Farida Omondi said the pools had been "half empty on weekday afternoons" and that '
        "the scheme would start in September.",
    ]
    assert "EMBARGOED" not in story.body  # the editors' note
    assert set(story.tags.names()) == {"local government", "swimming"}  # subject and keyword
    assert story.story_type == Story.StoryType.NEWS


def test_embargoed_news_item_is_hidden_until_its_embargo_even_when_published(world, client):
    story = imported(BUDGET, "--publish", "--section", "world")
    with time_machine.travel(datetime(2024, 6, 3, 19, 59, tzinfo=UTC), tick=False):
        assert client.get(story.get_absolute_url()).status_code == 404
    with time_machine.travel(datetime(2024, 6, 3, 20, 1, tzinfo=UTC), tick=False):
        tree = page(client.get(story.get_absolute_url()))
    assert texts(tree, "//p[@class='story__dek']") == [
        "Councillors voted 23 to 9 for a plan paid for by a parking levy."
    ]
