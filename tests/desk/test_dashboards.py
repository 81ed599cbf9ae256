"""The admin home for each role: real counts, the stories behind them and links to the lists."""

from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import html as lxml_html

from articles import workflow
from articles.models import Story
from tests.helpers import texts
from wire.models import HeldUpdate, ImportRecord


@pytest.fixture
def newsroom(make_story, reporter, other_reporter):
    """A day on the desk: stories in every state, two of them Rita's."""
    now = timezone.now()
    stories = {
        "review": [
            make_story(
                f"Waiting {n}", status=Story.Status.IN_REVIEW, publish_at=None, created_by=other_reporter
            )
            for n in range(3)
        ],
        "rita_review": make_story(
            "Rita's copy for review", status=Story.Status.IN_REVIEW, publish_at=None, created_by=reporter
        ),
        "scheduled": [
            make_story("Out at noon tomorrow", publish_at=now + timedelta(days=1)),
            make_story("Out in an hour", publish_at=now + timedelta(hours=1)),
        ],
        "embargoed": make_story("Report under embargo", embargo_until=now + timedelta(hours=5)),
        "live": [make_story(f"Live story {n}", hours_ago=n + 1) for n in range(9)],
        "rita_live": make_story("Rita's live story", created_by=reporter, hours_ago=20),
        "rita_draft": make_story(
            "Rita's draft", status=Story.Status.DRAFT, publish_at=None, created_by=reporter
        ),
    }
    return stories


def page(response):
    assert response.status_code == 200, response.status_code
    return lxml_html.fromstring(response.content.decode())


def panel(tree, heading):
    return tree.xpath(f"//section[h2='{heading}']")[0]


def count(tree, heading):
    return int(panel(tree, heading).xpath(".//p[@class='dash-count']//strong")[0].text)


def headlines(tree, heading):
    return texts(panel(tree, heading), ".//li/a")


def test_the_editors_desk_counts_what_waits_and_what_goes_out(client, editor, newsroom):
    client.force_login(editor)

    tree = page(client.get("/admin/"))

    assert count(tree, "Waiting for review") == 4
    assert count(tree, "Scheduled next") == 2
    assert headlines(tree, "Scheduled next") == ["Out in an hour", "Out at noon tomorrow"]
    assert count(tree, "Embargoes lifting") == 1
    assert texts(panel(tree, "Embargoes lifting"), ".//li/small")[0].startswith("World · lifts ")
    assert count(tree, "Recently published") == 10
    assert len(headlines(tree, "Recently published")) == 8  # the latest; the link lists all
    assert panel(tree, "Recently published").xpath(".//p[@class='dash-more']/a/@href") == [
        "/admin/articles/story/?queue=live"
    ]
    assert panel(tree, "Waiting for review").xpath(".//p[@class='dash-count']/a/@href") == [
        "/admin/articles/story/?queue=review"
    ]


def test_the_scheduled_panel_says_when_each_story_goes_out(client, editor, newsroom, settings):
    client.force_login(editor)

    notes = texts(panel(page(client.get("/admin/")), "Scheduled next"), ".//li/small")

    expected = timezone.localtime(newsroom["scheduled"][1].publish_at).strftime("%H:%M")
    assert notes[0].startswith("World · goes out ") and notes[0].endswith(expected)


def test_the_editors_desk_shows_wire_updates_waiting(client, editor, newsroom):
    story = newsroom["live"][0]
    record = ImportRecord.objects.create(
        story=story, format="ninjs", guid="urn:1", origin="feed", checksum="a"
    )
    HeldUpdate.objects.create(story=story, record=record, item={}, version="3", checksum="b", origin="feed")
    client.force_login(editor)

    tree = page(client.get("/admin/"))

    assert count(tree, "Wire updates waiting") == 1
    assert headlines(tree, "Wire updates waiting") == [story.headline]
    assert "version 3 arrived" in texts(panel(tree, "Wire updates waiting"), ".//li/small")[0]


def test_the_editors_desk_shows_stories_corrected_today(client, editor, newsroom):
    corrected = newsroom["live"][2]
    workflow.correct(corrected, editor, "The vote was 6 to 3, not 7 to 2.")
    client.force_login(editor)

    tree = page(client.get("/admin/"))

    assert count(tree, "Corrections today") == 1
    assert headlines(tree, "Corrections today") == [corrected.headline]


def test_an_empty_desk_says_so(client, editor):
    client.force_login(editor)

    tree = page(client.get("/admin/"))

    assert count(tree, "Waiting for review") == 0
    assert texts(panel(tree, "Waiting for review"), ".//p[@class='empty']") == ["Nothing waits for review."]
    assert texts(panel(tree, "Wire updates waiting"), ".//p[@class='empty']") == [
        "No wire updates wait for a decision."
    ]


def test_the_reporters_desk_shows_their_work_and_where_it_stands(client, reporter, newsroom):
    client.force_login(reporter)

    tree = page(client.get("/admin/"))

    assert headlines(tree, "My drafts") == ["Rita's draft"]
    assert headlines(tree, "Submitted: where it stands") == ["Rita's copy for review"]
    assert texts(panel(tree, "Submitted: where it stands"), ".//li/small")[0].startswith(
        "World · waiting for an editor since "
    )
    # Their own published story, and how much is live on the whole site.
    assert headlines(tree, "My published stories") == ["Rita's live story"]
    assert count(tree, "My published stories") == 1
    assert texts(panel(tree, "My published stories"), ".//p[@class='dash-lead']") == [
        "10 stories are live on the site in all."
    ]
    assert "Waiting 0" not in tree.text_content()
    assert not tree.xpath("//section[h2='Wire updates waiting']")


def test_a_reporter_with_nothing_live_is_told_so_plainly(client, reporter, make_story):
    make_story("Someone else's live story")
    client.force_login(reporter)

    tree = page(client.get("/admin/"))

    assert texts(panel(tree, "My published stories"), ".//p[@class='empty']") == [
        "None of your stories is live yet."
    ]
    assert texts(panel(tree, "My published stories"), ".//p[@class='dash-lead']") == [
        "1 story is live on the site in all."
    ]


def test_a_reporters_draft_sent_back_shows_the_editors_note(client, reporter, editor, newsroom):
    story = newsroom["rita_review"]
    workflow.send_back(story, editor, "Needs a second source.")
    client.force_login(reporter)

    tree = page(client.get("/admin/"))

    assert (
        "sent back: Needs a second source."
        in texts(panel(tree, "My drafts"), ".//li/small")[
            headlines(tree, "My drafts").index("Rita's copy for review")
        ]
    )
