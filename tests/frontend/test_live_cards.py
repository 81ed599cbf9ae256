"""Cards carry a "Live" label while a story's live coverage is open, on fronts
and on list pages alike, and lose it when the coverage closes."""

import pytest

from articles.models.live import set_coverage_open
from tests.helpers import page, texts
from tests.live import live_story

pytestmark = pytest.mark.django_db

CARD_PAGES = ["/", "/world/", "/author/ana-lopez/"]


def live_labels(client, path):
    return texts(page(client.get(path)), '//*[@class="kicker__live"]')


@pytest.fixture
def open_coverage(make_story):
    make_story("A quiet council meeting", authors=["Ana Lopez"], hours_ago=5)
    return live_story(make_story, authors=["Ana Lopez"])


@pytest.mark.parametrize("path", CARD_PAGES)
def test_a_story_with_open_coverage_is_labelled_live_on_its_card(client, open_coverage, path):
    assert live_labels(client, path) == ["Live"]


@pytest.mark.parametrize("path", CARD_PAGES)
def test_closed_coverage_loses_the_label(client, open_coverage, path, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        set_coverage_open(open_coverage, False)
    tree = page(client.get(path))
    assert texts(tree, '//*[@class="kicker__live"]') == []
    assert "Live coverage" in texts(tree, '//*[@class="kicker__type"]')
