"""A reporter's way through the desk: their byline by default, the preview after
submitting, no buttons they may not use, and a page that says why when refused."""

import pytest
from django.urls import reverse
from lxml import html as lxml_html

from articles.models import Author, Byline, Story
from tests.helpers import form_data, texts


def page(response):
    assert response.status_code == 200, response.status_code
    return lxml_html.fromstring(response.content.decode())


@pytest.fixture
def rita_author(reporter):
    return Author.objects.create(name="Rita Reporter", slug="rita-reporter", user=reporter)


@pytest.fixture
def logged_in(client, reporter):
    client.force_login(reporter)
    return client


def test_a_new_story_carries_the_reporters_own_byline(logged_in, rita_author, world):
    add = logged_in.get("/admin/articles/story/add/")
    data = form_data(
        add, "story_form", headline="Tram line opens", section=str(world.pk), body="<p>Trams.</p>"
    )

    response = logged_in.post("/admin/articles/story/add/", data)

    assert response.status_code == 302
    story = Story.objects.get(headline="Tram line opens")
    assert [byline.author for byline in Byline.objects.filter(story=story)] == [rita_author]


def test_a_reporter_without_an_author_profile_gets_no_byline_row(logged_in, world):
    tree = page(logged_in.get("/admin/articles/story/add/"))

    assert tree.xpath("//select[@name='bylines-0-author']") == []


def test_after_submitting_the_reporter_sees_the_preview_with_a_notice(logged_in, reporter, make_story):
    story = make_story(
        "Harbour strike enters second week", status=Story.Status.DRAFT, publish_at=None, created_by=reporter
    )
    change = reverse("admin:articles_story_change", args=[story.pk])
    data = form_data(logged_in.get(change), "story_form", _workflow="submit")

    response = logged_in.post(change, data, follow=True)

    assert response.redirect_chain[-1][0] == reverse("admin:articles_story_preview", args=[story.pk])
    tree = page(response)
    assert texts(tree, "//h1") == ["Harbour strike enters second week"]
    assert texts(tree, "//*[@class='preview-notice']") == [
        "Preview of a story in review. Readers cannot see this page."
    ]
    assert any("Submitted" in line for line in texts(tree, "//ul[@class='preview-messages']/li"))


def test_a_submitted_story_shows_its_body_as_text_and_no_buttons(logged_in, reporter, make_story):
    make_story("Related and public", tags=["Harbour"])
    story = make_story(
        "Harbour strike enters second week", status=Story.Status.IN_REVIEW, publish_at=None,
        created_by=reporter, body="<p>Dockers <strong>stay</strong> out.</p>", tags=["Harbour"],
    )  # fmt: skip

    tree = page(logged_in.get(reverse("admin:articles_story_change", args=[story.pk])))

    assert texts(tree, "//div[@class='story-body-read']/p") == ["Dockers stay out."]
    assert "&lt;p&gt;" not in lxml_html.tostring(tree, encoding="unicode")
    assert texts(tree, "//form[@id='story_form']//button") == []  # no "Add to related links", no step


def test_a_refused_action_answers_a_styled_page_that_says_why(logged_in, reporter, make_story):
    story = make_story("Bridge reopens", created_by=reporter)  # live: only editors correct it

    response = logged_in.get(reverse("admin:articles_story_correct", args=[story.pk]))

    assert response.status_code == 403
    tree = lxml_html.fromstring(response.content.decode())
    assert texts(tree, "//p[@class='errornote']") == ["Only editors may correct “Bridge reopens”."]
    assert tree.xpath("//link[contains(@href, 'admin/css/base.css')]")  # the admin's look
    assert "Back to your desk" in texts(tree, "//div[@id='content-main']//a[@href='/admin/']")


def test_a_forged_publish_answers_a_page_that_names_the_refusal(logged_in, reporter, make_story):
    story = make_story("Tram line opens", status=Story.Status.DRAFT, publish_at=None, created_by=reporter)
    change = reverse("admin:articles_story_change", args=[story.pk])

    response = logged_in.post(change, form_data(logged_in.get(change), "story_form", _workflow="publish"))

    assert response.status_code == 403
    tree = lxml_html.fromstring(response.content.decode())
    assert texts(tree, "//p[@class='errornote']") == ["You may not publish “Tram line opens”."]
