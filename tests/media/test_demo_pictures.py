"""The demo newsroom's pictures: drawn at seed time, described, credited, and seeded once."""

import pytest
from django.core.management import call_command

from articles.models import Story
from media.models import Image

pytestmark = pytest.mark.django_db


def test_seeding_the_demo_gives_its_stories_described_and_credited_pictures(client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    images = list(Image.objects.all())
    assert len(images) == 13
    assert all(image.caption and image.credit and image.alt_text and not image.missing() for image in images)
    pictured = Story.objects.filter(lead_image__isnull=False)
    assert pictured.count() == 12  # and one picture is a figure in a story that has a lead
    figure_story = Story.objects.get(slug="port-calder-council-approves-transit-levy-after-seven-hour")
    page = client.get(figure_story.get_absolute_url()).content.decode()
    assert page.count("<picture>") == 2 and "Map of the levy" not in page  # titles stay in the library
    assert "The crosstown loop the levy pays for first" in page


def test_seeding_again_draws_the_same_pictures_and_adds_none(client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    before = dict(Story.objects.filter(lead_image__isnull=False).values_list("slug", "lead_image"))
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Image.objects.count() == 13
    assert dict(Story.objects.filter(lead_image__isnull=False).values_list("slug", "lead_image")) == before
    figure_story = Story.objects.get(slug="port-calder-council-approves-transit-levy-after-seven-hour")
    assert figure_story.body.count("<figure") == 1
