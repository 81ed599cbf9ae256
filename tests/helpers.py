"""Reading pages the way a reader's browser would."""

from lxml import html as lxml_html


def page(response):
    """Parse an HTML response into an lxml tree."""
    assert response.status_code == 200, response.status_code
    return lxml_html.fromstring(response.content)


def texts(tree, xpath):
    return [" ".join(el.text_content().split()) for el in tree.xpath(xpath)]
