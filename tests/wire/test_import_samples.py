"""Every file in ../shared/samples imports, or is refused with one clear line and nothing saved."""

import pytest

from articles.models import Author, Story
from tests.importing import import_stories
from tests.samples import SAMPLES, needs_samples
from wire.models import ImportRecord

pytestmark = [pytest.mark.django_db, needs_samples]

# What staff see for each sample: stories created, or the one-line reason it is turned away.
EXPECTED = {
    "text/reference-story.txt": ("created", 1),
    "text/bbc-business-001.txt": ("created", 1),
    "ninjs/iptc-1.4-ninjsExComplex1.json": ("created", 1),
    "ninjs/superdesk-1.x-ninjs_embargoed.json": ("created", 1),
    "ninjs/iptc-2.1-tt_text_image_2.json": ("created", 1),
    "ninjs/iptc-3.0-addb-anti-doping-nitf-body.json": ("created", 1),
    "ninjs/iptc-3.1-005_complex_text_article.json": ("created", 1),
    "nitf/iptc-nitf-fishing.xml": ("skipped", "canceled item that was never imported"),
    "nitf/ap-nitf.xml": ("created", 1),
    "nitf/efe_nitf.xml": ("created", 1),
    "newsml/reuters-L1N14N0FF-v978556838-usable.xml": ("created", 1),
    "newsml/reuters-L1N14N0FF-v1542761538-canceled.xml": ("skipped", "canceled item that was never imported"),
    "newsml/iptc-LISTING_1_A_NewsML-G2_News_Item.xml": ("refused", "has no body text"),
    "newsml/ansa-newsmlg2-text.xml": ("created", 1),
    "feeds/guardian-us.rss": ("created", 55),
    "feeds/heise-developer.atom": ("created", 15),
    "feeds/dailymail-mediacontent.rss": ("created", 1),
    "hostile/xxe-nitf-file-passwd.xml": ("refused", "declares entities"),
    "hostile/billion-laughs-newsml.xml": ("refused", "declares entities"),
    "hostile/script-injection-ninjs.json": ("created", 1),
    "hostile/cp1252-curly-quotes.txt": ("created", 1),
    "hostile/utf8-bom-story.txt": ("created", 1),
    "hostile/truncated-newsml.xml": ("refused", "not well-formed XML: Premature end of data"),
    "hostile/empty.xml": ("refused", "the file is empty"),
}


def test_every_sample_file_has_an_expectation():
    on_disk = {
        str(p.relative_to(SAMPLES)) for p in SAMPLES.rglob("*") if p.is_file() and p.name != "README.md"
    }
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_imports_or_is_refused_with_one_line(name):
    path = SAMPLES / name
    kind, detail = EXPECTED[name]
    run = import_stories(path)
    if kind == "created":
        assert run.ok, run.err
        assert Story.objects.count() == detail
        assert f"{detail} created" in run.out
    elif kind == "skipped":
        assert run.ok, run.err
        assert f"({detail})" in run.out
        assert Story.objects.count() == 0
    else:
        assert not run.ok
        assert len(run.error_lines) == 1
        assert run.error_lines[0].startswith(f"error: {path}")
        assert detail in run.error_lines[0]
        assert Story.objects.count() == Author.objects.count() == ImportRecord.objects.count() == 0
