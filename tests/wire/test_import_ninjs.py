"""import_stories on IPTC ninjs 1.x, 2.x and 3.x files."""

import json
from datetime import UTC, datetime

import pytest
from lxml import html as lxml_html

from articles.models import Section, Story
from tests.helpers import page, texts
from tests.importing import import_stories
from tests.samples import SAMPLES, needs_samples

pytestmark = [pytest.mark.django_db, needs_samples]
NINJS = SAMPLES / "ninjs"


def imported(name, *args):
    run = import_stories(NINJS / name, *args)
    assert run.ok, run.err
    return Story.objects.get()


def paragraphs(story):
    return [
        " ".join(p.text_content().split())
        for p in lxml_html.fragment_fromstring(story.body, create_parent="div").xpath("p")
    ]


def test_superdesk_1x_maps_embargo_times_authors_subjects_service_and_source(world):
    environment = Section.objects.create(name="Environment", slug="environment")
    story = imported("superdesk-1.x-ninjs_embargoed.json")
    assert story.headline == "Trouble is brewing for the future of beer"
    assert story.dek.startswith("Brewers are pursuing solutions to reduce water usage")
    assert story.embargo_until == datetime(2022, 6, 29, 2, 30, tzinfo=UTC)
    # "+0000" written without a colon
    assert story.updated_at == datetime(2022, 6, 26, 23, 54, 25, tzinfo=UTC)
    assert story.section == environment
    assert [a.name for a in story.ordered_authors()] == ["Aaron Staples"]  # the editor is not a byline
    assert sorted(story.tags.names()) == ["agriculture", "global warming"]
    assert story.story_type == Story.StoryType.FEATURE
    # The provider comes first; outlets the text mentions follow ("Economist" in "Agricultural Economist").
    assert next(s.outlet.name for s in story.sources.all()) == "360info"
    assert 'href="https://www.cbsnews.com/news/new-belgium-torched-earth-climate-change/"' in story.body


def test_embargoed_story_stays_hidden_even_when_published(world, client, django_capture_on_commit_callbacks):
    story = imported("superdesk-1.x-ninjs_embargoed.json", "--publish", "--section", "world")
    assert story.status == Story.Status.PUBLISHED
    assert story.embargo_until.year == 2022  # long past: visible now
    assert client.get(story.get_absolute_url()).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):  # the page cache learns of the change on commit
        Story.objects.filter(pk=story.pk).update(embargo_until=datetime(2999, 1, 1, tzinfo=UTC))
    assert client.get(story.get_absolute_url()).status_code == 404


def test_ninjs_1x_byline_names_two_authors_and_about_entities_become_tags(world):
    story = imported("iptc-1.4-ninjsExComplex1.json")
    assert [a.name for a in story.ordered_authors()] == ["Paulo Santalucia", "Frances d'Emilio"]
    assert list(story.tags.names()) == ["Francesco Schettino"]  # rel "about"; "mentions" are not tags
    assert len(paragraphs(story)) == 4  # body_xhtml preferred over body_text


def test_ninjs_2x_takes_the_html_body_with_its_quotes_and_links_not_its_h1(world):
    story = imported("iptc-2.1-tt_text_image_2.json")
    assert story.headline == "Militärövning i jätteformat hålls 2023"
    assert "<h1" not in story.body and "Militärövning i jätteformat" not in story.body
    assert story.body.count("<blockquote>") == 2
    assert 'href="https://www.sydostran.se/nyheter/' in story.body
    assert "<img" not in story.body
    assert story.updated_at == datetime(2021, 5, 26, 11, 40, 18, tzinfo=UTC)
    # copyrightholder "TT" is the provider, credited through the outlet's alias
    assert [s.outlet.name for s in story.sources.all()] == ["TT News Agency"]


def test_ninjs_3x_reads_camelcase_fields_and_a_nitf_body(world):
    story = imported("iptc-3.0-addb-anti-doping-nitf-body.json")
    assert story.headline == "Anti-doping measures at the 'Tour Down Under' will be the toughest ever"
    assert story.dek.startswith("The Australian Sports Anti-Doping Authority (ASADA) today announced")
    assert [a.name for a in story.ordered_authors()] == ["Trond Husø"]
    assert set(story.tags.names()) == {"Cycling", "drug abuse in sport", "Sport"}
    assert story.updated_at == datetime(2023, 10, 8, 0, 34, 3, tzinfo=UTC)
    assert len(paragraphs(story)) > 3
    assert "<nitf" not in story.body and "tobject" not in story.body


def test_ninjs_31_prefers_the_richtext_body_over_plain_text(world):
    story = imported("iptc-3.1-005_complex_text_article.json")
    assert len(paragraphs(story)) == 4
    assert [a.name for a in story.ordered_authors()] == ["Paulo Santalucia", "Frances d'Emilio"]


def test_script_injection_is_stripped_and_the_text_kept(world, client):
    story = imported("../hostile/script-injection-ninjs.json", "--publish", "--section", "world")
    assert story.headline == "Library reopens after refit"
    lowered = story.body.lower()
    hostiles = ("<script", "javascript:", "onclick", "onerror", "onmouseover", "onload", "<iframe", "<svg")
    for hostile in (*hostiles, "data:text/html", "attacker.example"):
        assert hostile not in lowered
    assert 'href="https://www.example.org/library/hours"' in story.body
    tree = page(client.get(story.get_absolute_url()))
    body_text = " ".join(texts(tree, "//div[@class='story__body']"))
    for kept in ("council website", "library page", "A café on the ground floor opens next month.",
                 "Mixed-case scheme", "data URL"):  # fmt: skip
        assert kept in body_text
    assert not tree.xpath("//div[@class='story__body']//script")


def test_a_newer_version_replaces_tags_authors_and_sources(world, tmp_path):
    def version(number, tags, by, source):
        item = {"uri": "urn:x:tags", "version": str(number), "headlines": [{"value": "Tagged story"}],
                "bodies": [{"contentType": "text/plain", "value": "Body text."}], "by": by,
                "subjects": [{"name": tag} for tag in tags], "copyrightHolder": source}  # fmt: skip
        path = tmp_path / f"v{number}.json"
        path.write_text(json.dumps(item), encoding="utf-8")
        return path

    assert import_stories(version(1, ["Ports", "Ferries"], "Ann Old", "Reuters")).ok
    assert import_stories(version(2, ["Ferries", "Strikes"], "Bo New", "Bloomberg")).ok
    story = Story.objects.get()
    assert set(story.tags.names()) == {"Ferries", "Strikes"}
    assert [a.name for a in story.ordered_authors()] == ["Bo New"]
    assert [s.outlet.name for s in story.sources.all()] == ["Bloomberg"]
