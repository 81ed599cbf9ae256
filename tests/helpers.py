"""Reading pages the way a reader's browser would."""

from lxml import html as lxml_html


def page(response):
    """Parse an HTML response into an lxml tree."""
    assert response.status_code == 200, response.status_code
    return lxml_html.fromstring(response.content)


def texts(tree, xpath):
    return [" ".join(el.text_content().split()) for el in tree.xpath(xpath)]


def form_data(response, form_id=None, **overrides):
    """What a browser would post from the page's form, with some fields changed.

    Reads every successful control (hidden inputs, textareas, selected options,
    inline management forms) so tests post exactly what the admin rendered.
    """
    tree = page(response)
    form = tree.get_element_by_id(form_id) if form_id else tree.forms[0]
    data = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    for name, value in overrides.items():
        data[name] = value if isinstance(value, list) else [value]
    return data


def admin_login(client, username, password):
    """Log in through the admin's login form, as a person does; True if it let them in.

    ``client.login()`` skips the request django-axes needs to count failures.
    """
    response = client.post("/admin/login/?next=/admin/", {"username": username, "password": password})
    return response.status_code == 302 and response["Location"] == "/admin/"
