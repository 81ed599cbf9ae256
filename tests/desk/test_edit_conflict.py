"""Two people edit the same story: the later save from a stale copy is refused, not lost."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Story, StoryEditConflict
from tests.helpers import form_data, page, texts


@pytest.fixture
def story(make_story):
    return make_story("Storm closes airport", body="<p>Flights were cancelled.</p>")


def change_url(story):
    return reverse("admin:articles_story_change", args=[story.pk])


def test_the_second_save_from_a_stale_copy_is_refused_and_its_text_shown_back(editor, superuser, story):
    first, second = Client(), Client()
    first.force_login(editor)
    second.force_login(superuser)
    first_form = form_data(first.get(change_url(story)), "story_form")
    second_form = form_data(second.get(change_url(story)), "story_form")

    saved = first.post(change_url(story), {**first_form, "headline": ["Storm closes airport for two days"]})
    refused = second.post(
        change_url(story),
        {**second_form, "body": ["<p>Flights were cancelled; trains run as usual.</p>"]},
    )

    assert saved.status_code == 302
    assert refused.status_code == 200
    tree = page(refused)
    errors = " ".join(texts(tree, "//ul[@class='errorlist nonfield']"))
    assert "Someone else saved this story after you opened it" in errors
    # Browsers drop the newline Django puts after <textarea>.
    shown_back = tree.xpath("//textarea[@name='body']")[0].text.lstrip("\n")
    assert shown_back == "<p>Flights were cancelled; trains run as usual.</p>"
    story.refresh_from_db()
    assert story.headline == "Storm closes airport for two days"
    assert story.body == "<p>Flights were cancelled.</p>"


def test_saving_again_after_the_warning_is_a_deliberate_overwrite(editor, superuser, story):
    first, second = Client(), Client()
    first.force_login(editor)
    second.force_login(superuser)
    second_form = form_data(second.get(change_url(story)), "story_form")
    first.post(change_url(story), form_data(first.get(change_url(story)), "story_form", headline="First"))

    refused = second.post(change_url(story), {**second_form, "headline": ["Second"]})
    again = second.post(change_url(story), form_data(refused, "story_form"))

    assert again.status_code == 302
    story.refresh_from_db()
    assert story.headline == "Second"


def test_a_stale_copy_cannot_be_saved_by_code_either(story):
    one = Story.objects.get(pk=story.pk)
    two = Story.objects.get(pk=story.pk)
    one.headline = "One"
    one.save()

    two.headline = "Two"
    with pytest.raises(StoryEditConflict):
        two.save()

    story.refresh_from_db()
    assert story.headline == "One"
    assert story.lock_version == one.lock_version == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_of_one_version_cannot_both_win(make_story):
    """The second save waits for the first's row lock, then finds the version taken."""
    import threading

    from django.db import connection, connections, transaction

    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite serialises writers differently")
    story = make_story("Bridge reopens")
    first_saved, results = threading.Event(), {}

    def first():
        with transaction.atomic():
            copy = Story.objects.get(pk=story.pk)
            copy.headline = "First"
            copy.save()
            first_saved.set()
            second_thread.join(timeout=0.5)  # hold the lock while the second tries
            results["second_waited"] = second_thread.is_alive()
        connections.close_all()

    def second():
        copy = Story.objects.get(pk=story.pk)
        first_saved.wait(5)
        copy.headline = "Second"
        try:
            copy.save()
            results["second"] = "saved"
        except StoryEditConflict:
            results["second"] = "refused"
        finally:
            connections.close_all()

    second_thread = threading.Thread(target=second)
    first_thread = threading.Thread(target=first)
    second_thread.start()
    first_thread.start()
    first_thread.join(10)
    second_thread.join(10)

    assert results == {"second_waited": True, "second": "refused"}
    story.refresh_from_db()
    assert story.headline == "First"
