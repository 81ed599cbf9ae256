from django import forms


class RichTextEditor(forms.Textarea):
    """The story body's textarea, turned into a Quill editor in the browser.

    The editor writes its HTML back into the textarea, so the form posts plain
    HTML and the server sanitises it like any other write. Without JavaScript
    the textarea still works.
    """

    def __init__(self, attrs=None):
        super().__init__({"data-rich-text": "true", "rows": 20, **(attrs or {})})

    class Media:
        css = {"all": ["vendor/quill/quill.snow.css", "css/admin-editorial.css"]}
        js = ["vendor/quill/quill.js", "js/body-editor.js"]
