from django import forms
from django.urls import reverse_lazy


class RichTextEditor(forms.Textarea):
    """The story body's textarea, turned into a Quill editor in the browser.

    The editor writes its HTML back into the textarea, so the form posts plain
    HTML and the server sanitises it like any other write. Without JavaScript
    the textarea still works. Its "Picture" button inserts a figure from the
    library (``<figure data-image="ID">``); the addresses it needs travel in
    data attributes, as the editor script is a static file (no inline script).
    """

    def __init__(self, attrs=None):
        super().__init__({
            "data-rich-text": "true",
            "rows": 20,
            "data-picture-picker": reverse_lazy("admin:media_image_picker"),
            # The thumbnail address of picture 0; the script puts each figure's id in its place.
            "data-picture-thumbnail": reverse_lazy("admin:media_image_thumbnail", args=[0]),
            **(attrs or {}),
        })  # fmt: skip

    class Media:
        css = {"all": ["vendor/quill/quill.snow.css", "css/admin-editorial.css"]}
        js = ["vendor/quill/quill.js", "js/body-editor.js"]
