"""The desk's picture tools in a browser: the editor's Picture button inserts a library
figure that survives saving and reloading, and clicking a picture sets its focal point."""

import pytest

from articles.models import Story
from media.models import Image
from tests.browser.test_editorial_flow import log_in
from tests.pictures import add_picture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_picture_button_inserts_a_library_figure(browser, live_server, editor, make_story):
    picture = add_picture("harbour-at-dawn.jpg", caption="Boats at the harbour before dawn.")
    story = make_story("Harbour reopens", status=Story.Status.DRAFT, publish_at=None,
                       body="<p>First paragraph.</p>")  # fmt: skip
    page = log_in(browser, live_server, editor)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    change = f"{live_server.url}/admin/articles/story/{story.pk}/change/"
    page.goto(change)
    page.click(".ql-editor p")
    page.keyboard.press("End")
    page.click("button.ql-picture")
    page.fill(".picture-picker input", "harbour")
    page.click(".picture-picker__choice")
    assert page.locator(".ql-editor figure[data-image] img").count() == 1
    page.click("[name=_continue]")
    page.wait_for_selector(".messagelist")

    story.refresh_from_db()
    assert story.body == (
        f'<p>First paragraph.</p><figure data-image="{picture.pk}">'
        "<figcaption>Boats at the harbour before dawn.</figcaption></figure>"
    )
    # Reloaded into the editor, the figure is still a figure (and still shows its picture).
    page.goto(change)
    figure = page.locator(".ql-editor figure[data-image]")
    assert figure.get_attribute("data-image") == str(picture.pk)
    page.wait_for_function("document.querySelector('.ql-editor figure img').naturalWidth > 0")
    assert errors == []


def test_clicking_the_picture_sets_the_focal_point(browser, live_server, editor):
    picture = add_picture("quay.jpg", size=(1200, 800))
    page = log_in(browser, live_server, editor)
    page.goto(f"{live_server.url}/admin/media/image/{picture.pk}/change/")
    shown = page.locator("img[data-focal-point]")
    shown.wait_for()
    # Polled from here: a predicate string would be compiled in the page, which the CSP forbids.
    for _ in range(100):
        if shown.evaluate("img => img.complete && img.naturalWidth > 0"):
            break
        page.wait_for_timeout(100)
    box = shown.bounding_box()
    shown.click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.75})
    assert abs(float(page.input_value("#id_focal_x")) - 0.25) < 0.01
    assert abs(float(page.input_value("#id_focal_y")) - 0.75) < 0.01
    page.click("[name=_continue]")
    page.wait_for_selector(".messagelist")
    picture = Image.objects.get(pk=picture.pk)
    assert (round(picture.focal_x, 2), round(picture.focal_y, 2)) == (0.25, 0.75)


def test_pictures_dropped_on_the_upload_form_are_uploaded(browser, live_server, editor):
    from tests.pictures import picture_bytes

    page = log_in(browser, live_server, editor)
    page.goto(f"{live_server.url}/admin/media/image/upload/")
    dropped = page.evaluate_handle(
        """(files) => {
            const transfer = new DataTransfer();
            for (const [name, bytes] of files) {
                transfer.items.add(new File([new Uint8Array(bytes)], name, {type: "image/jpeg"}));
            }
            return transfer;
        }""",
        [["quay.jpg", list(picture_bytes((300, 200)))], ["ferry.jpg", list(picture_bytes((200, 300)))]],
    )
    page.dispatch_event("fieldset", "drop", {"dataTransfer": dropped})
    assert page.text_content(".image-upload__status") == "2 pictures chosen."
    page.fill("#id_credit", "Ana Lima / Harbour Press")
    page.click("#upload-form [type=submit]")
    page.wait_for_selector(".messagelist")
    assert sorted(Image.objects.values_list("title", "width")) == [("ferry", 200), ("quay", 300)]
