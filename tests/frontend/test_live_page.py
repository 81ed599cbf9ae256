"""A live story's page, as a reader without JavaScript gets it: the "Live" marker,
key events at the top, updates newest first with zoned times, visible
corrections, closed coverage, older updates on further pages, and a query
budget that does not grow with the updates."""

import json
import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from articles.models import LiveUpdate, Story
from articles.models.live import add_update, set_coverage_open
from frontend.live import UPDATES_PER_PAGE
from tests.helpers import page, texts
from tests.live import add, live_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(make_story):
    story = live_story(make_story)
    add(story, "Winds reach the harbour.", minutes_ago=50, headline="Winds arrive")
    add(story, "The mayor orders an evacuation of the seafront.", minutes_ago=30,
        headline="Seafront evacuated", key_event=True)  # fmt: skip
    add(story, "Ferries are cancelled until morning.", minutes_ago=10, author="Ana Lopez")
    return story


def updates_of(tree):
    return texts(
        tree,
        '//section[@class="live"]//article[contains(@class, "live-update")]//div[@class="live-update__body"]',
    )


def test_updates_show_newest_first_with_the_live_marker(client, story):
    tree = page(client.get(story.get_absolute_url()))

    assert texts(tree, '//*[contains(@class, "live-marker")]')[0].startswith("Live")
    assert updates_of(tree) == [
        "Ferries are cancelled until morning.",
        "The mayor orders an evacuation of the seafront.",
        "Winds reach the harbour.",
    ]
    assert "Ana Lopez" in texts(tree, '//p[@class="live-update__author"]')


def test_key_events_are_summarised_at_the_top_and_link_to_their_update(client, story):
    tree = page(client.get(story.get_absolute_url()))
    pinned = LiveUpdate.objects.get(headline="Seafront evacuated")

    assert texts(tree, '//nav[@class="live-key-events"]//li/a') == ["Seafront evacuated"]
    assert tree.xpath('//nav[@class="live-key-events"]//a/@href') == [f"#update-{pinned.pk}"]
    assert tree.xpath(f'//article[@id="update-{pinned.pk}"]')
    # The summary comes before the updates.
    assert len(tree.xpath('//nav[@class="live-key-events"]/following::article[@data-update]')) == 3


@pytest.mark.parametrize("zone", ["America/Chicago", "Europe/Paris"])
def test_update_times_are_in_the_newsrooms_zone_with_a_machine_readable_datetime(
    client, story, settings, zone
):
    settings.TIME_ZONE = zone
    update = LiveUpdate.objects.get(headline="Winds arrive")
    local = timezone.localtime(update.published_at, timezone=ZoneInfo(zone))
    tree = page(client.get(story.get_absolute_url()))

    stamp = tree.xpath(f'//article[@id="update-{update.pk}"]//a[@class="live-update__time"]/time')[0]
    assert stamp.get("datetime") == local.strftime("%Y-%m-%dT%H:%M:%S%z")
    assert stamp.text_content().startswith(local.strftime("%H:%M"))


def updated_line(client, story):
    tree = page(client.get(story.get_absolute_url()))
    return tree.xpath('//span[@class="story__updated"]/time/@datetime')


def machine_time(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M:%S%z")


def test_the_updated_time_follows_the_newest_update_and_its_corrections(
    client, story, django_capture_on_commit_callbacks
):
    # The story itself was last edited when it went out.
    Story.objects.filter(pk=story.pk).update(updated_at=story.publish_at)
    newest = LiveUpdate.objects.newest_first().first()
    assert updated_line(client, story) == [machine_time(newest.published_at)]

    oldest = LiveUpdate.objects.get(headline="Winds arrive")
    with django_capture_on_commit_callbacks(execute=True):
        oldest.correct(body="<p>Winds reach the marina.</p>", note="The marina, not the harbour.")
    assert updated_line(client, story) == [machine_time(oldest.corrected_at)]


def test_an_edit_to_the_story_after_its_newest_update_sets_the_updated_time(client, story):
    edited = timezone.now()
    Story.objects.filter(pk=story.pk).update(updated_at=edited)
    assert updated_line(client, story) == [machine_time(edited)]


def test_a_correction_stays_visible_under_the_corrected_update(client, story):
    update = LiveUpdate.objects.get(headline="Winds arrive")
    update.correct(
        body="<p>Winds reach the marina.</p>", note="The winds reached the marina, not the harbour."
    )

    tree = page(client.get(story.get_absolute_url()))
    item = tree.xpath(f'//article[@id="update-{update.pk}"]')[0]
    assert "Winds reach the marina." in item.text_content()
    assert "Winds reach the harbour." not in item.text_content()
    assert "not the harbour" in texts(item, './/p[@class="live-update__correction"]')[0]


def test_a_removed_update_leaves_only_its_note(client, story):
    update = LiveUpdate.objects.get(headline="Seafront evacuated")
    update.withdraw(note="The evacuation order was not confirmed.")

    content = client.get(story.get_absolute_url()).content.decode()
    tree = page(client.get(story.get_absolute_url()))
    assert "orders an evacuation" not in content
    assert "The evacuation order was not confirmed." in content
    assert tree.xpath(f'//article[@id="update-{update.pk}"]')
    assert not tree.xpath('//nav[@class="live-key-events"]')  # no longer a key event


def test_closed_coverage_says_so_and_the_page_no_longer_polls(client, story):
    set_coverage_open(story, False)
    tree = page(client.get(story.get_absolute_url()))

    assert texts(tree, '//p[contains(@class, "live-marker")]')[0].startswith("Coverage ended")
    assert not tree.xpath("//*[@data-live-updates]")
    assert not tree.xpath('//script[contains(@src, "live")]')
    assert len(updates_of(tree)) == 3  # still all there to read


def test_an_open_page_offers_its_updates_endpoint_to_its_script_and_nothing_inline(client, story):
    tree = page(client.get(story.get_absolute_url()))

    assert tree.xpath("//@data-live-updates") == [story.get_absolute_url() + "updates.json"]
    assert tree.xpath('//script[contains(@src, "js/live")]/@defer')
    # The page works without the script: every update is in the HTML already,
    # and no script runs inline (the CSP has no 'unsafe-inline').
    inline = [s for s in tree.xpath("//script[not(@src)]") if s.get("type") != "application/ld+json"]
    assert inline == []


def test_adding_an_update_shows_on_the_next_request_through_the_page_cache(
    client, story, django_capture_on_commit_callbacks
):
    assert client.get(story.get_absolute_url())["X-Cache"] == "miss"
    assert client.get(story.get_absolute_url())["X-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        add_update(story, body="Power is back in the old town.")

    response = client.get(story.get_absolute_url())
    assert response["X-Cache"] == "miss"
    assert "Power is back in the old town." in response.content.decode()


def test_a_reporter_update_body_is_cleaned_like_a_story_body(client, story):
    add_update(story, body='<p onclick="steal()">Calm <script>alert(1)</script>returns.</p><img src=x>')

    content = client.get(story.get_absolute_url()).content.decode()
    assert "Calm returns." in content
    assert "steal()" not in content and "alert(1)" not in content and '<img src="x"' not in content


def test_older_updates_are_on_a_further_page(client, make_story):
    story = live_story(make_story, headline="Long day live")
    for minute in range(UPDATES_PER_PAGE + 3):
        add(story, f"Update number {minute}.", minutes_ago=minute)

    first = page(client.get(story.get_absolute_url()))
    assert len(updates_of(first)) == UPDATES_PER_PAGE
    assert updates_of(first)[0] == "Update number 0."
    older = first.xpath('//a[@rel="next"]/@href')
    assert older == ["?updates=2"]

    second = page(client.get(story.get_absolute_url() + older[0]))
    assert updates_of(second) == [
        f"Update number {m}." for m in range(UPDATES_PER_PAGE, UPDATES_PER_PAGE + 3)
    ]
    assert not second.xpath("//*[@data-live-updates]")  # only the newest page follows the coverage
    assert client.get(story.get_absolute_url() + "?updates=3").status_code == 404


def _queries_for(client, story, django_assert_max_num_queries, budget):
    with django_assert_max_num_queries(budget) as captured:
        assert client.get(story.get_absolute_url()).status_code == 200
    return len(captured)


def test_the_live_page_query_budget_does_not_grow_with_its_updates(
    client, make_story, django_assert_max_num_queries, settings
):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    story = live_story(make_story, headline="Budget live", authors=["Ana Lopez"])
    for minute in range(3):
        add(story, f"Early {minute}.", minutes_ago=minute, author="Ana Lopez", key_event=minute == 1)
    client.get(story.get_absolute_url())  # first requests fill caches of their own (content types)
    few = _queries_for(client, story, django_assert_max_num_queries, 40)

    for minute in range(3, 3 + UPDATES_PER_PAGE * 2):
        add(story, f"Later {minute}.", minutes_ago=minute, author="Ana Lopez", key_event=minute % 5 == 0)
    many = _queries_for(client, story, django_assert_max_num_queries, few)

    assert many == few


def test_live_blog_posting_structured_data(client, story):
    tree = page(client.get(story.get_absolute_url()))

    data = json.loads(tree.xpath('//script[@type="application/ld+json"]')[0].text)
    assert data["@type"] == "LiveBlogPosting"
    for required in (
        "headline",
        "datePublished",
        "coverageStartTime",
        "liveBlogUpdate",
        "publisher",
        "author",
    ):
        assert data[required], required
    assert "coverageEndTime" not in data
    zoned = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")
    assert zoned.match(data["coverageStartTime"])
    updates = data["liveBlogUpdate"]
    assert [u["articleBody"] for u in updates] == [
        "Ferries are cancelled until morning.",
        "The mayor orders an evacuation of the seafront.",
        "Winds reach the harbour.",
    ]
    for update in updates:
        assert update["@type"] == "BlogPosting"
        assert update["headline"]
        assert zoned.match(update["datePublished"])
    assert updates[1]["headline"] == "Seafront evacuated"


def test_closed_coverage_has_an_end_time_and_withdrawn_updates_leave_the_data(client, story):
    LiveUpdate.objects.get(headline="Winds arrive").withdraw(note="Wrong town.")
    set_coverage_open(story, False)
    tree = page(client.get(story.get_absolute_url()))

    data = json.loads(tree.xpath('//script[@type="application/ld+json"]')[0].text)
    story.refresh_from_db()
    assert data["coverageEndTime"] == timezone.localtime(story.coverage_ended_at).isoformat(
        timespec="seconds"
    )
    assert len(data["liveBlogUpdate"]) == 2


def test_a_story_of_another_type_has_no_live_parts(client, make_story):
    story = make_story("Plain news")
    tree = page(client.get(story.get_absolute_url()))

    assert not tree.xpath('//section[@class="live"]')
    assert not tree.xpath('//*[contains(@class, "live-marker")]')
    assert Story.objects.get(pk=story.pk).story_type == Story.StoryType.NEWS
    assert '"LiveBlogPosting"' not in client.get(story.get_absolute_url()).content.decode()


def test_updates_written_before_a_later_scheduled_time_are_shown_only_with_the_story(client, make_story):
    story = live_story(make_story, headline="Scheduled live", publish_at=timezone.now() + timedelta(hours=1))
    add(story, "Too early to read.")

    assert client.get(story.get_absolute_url()).status_code == 404
