"""import_stories on shapes that real wire and feed files take beyond our samples.

Each input here is a small file we wrote ourselves, reproducing one structure
seen in providers' files (dpa, NTB, STT, PA, AP, Blogger, UOL...) that once
imported badly.
"""

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from articles.models import Story
from tests.importing import import_stories, import_text

pytestmark = pytest.mark.django_db

G2 = "http://iptc.org/std/nar/2006-10-01/"


def news_item(content_set, *, meta="", content_meta="<headline>Harbour reopens</headline>"):
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="{G2}" guid="urn:test:harbour" version="1" standard="NewsML-G2" xml:lang="en">
  <itemMeta><itemClass qcode="ninat:text"/><provider literal="Test Wire"/>
    <versionCreated>2024-03-05T10:00:00+01:00</versionCreated>{meta}</itemMeta>
  <contentMeta>{content_meta}</contentMeta>
  <contentSet>{content_set}</contentSet>
</newsItem>"""


def test_xhtml_page_header_with_slugline_date_and_h1_stays_out_of_the_body(world, tmp_path):
    body = """<inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml">
      <head><title>Harbour reopens</title></head><body><header>
        <ul class="slugline"><li>Shipping</li><li>Hamburg</li></ul>
        <time class="publicationDate">05.03.2024 10:00</time><p class="genre">Extra</p>
        <h1>Harbour reopens</h1></header>
      <section class="main"><p>The harbour reopened on Tuesday.</p><p>Ships queued.</p></section>
      </body></html></inlineXML>"""
    run = import_text(tmp_path, "item.xml", news_item(body))
    assert run.ok, run.err
    story = Story.objects.get()
    assert story.body == "<p>The harbour reopened on Tuesday.</p><p>Ships queued.</p>"


def test_g2_see_also_link_takes_its_title_from_the_title_element(world, tmp_path):
    meta = """<link rel="irel:seeAlso" href="https://port.example/schedule">
      <title>Sailing schedule</title><link rel="x:shorturl" href="http://short.example/1"/></link>"""
    body = '<inlineData contenttype="text/plain">The harbour reopened.</inlineData>'
    assert import_text(tmp_path, "item.xml", news_item(body, meta=meta)).ok
    [link] = Story.objects.get().related_links.all()
    assert (link.title, link.url) == ("Sailing schedule", "https://port.example/schedule")


def test_twice_escaped_entities_read_as_characters(world, tmp_path):
    body = """<inlineXML contenttype="xhtml/xml"><html><body>
      <p>&amp;quot;We open at 4 o&amp;#39;clock,&amp;quot; she said.</p></body></html></inlineXML>"""
    assert import_text(tmp_path, "item.xml", news_item(body)).ok
    assert Story.objects.get().body == '<p>"We open at 4 o\'clock," she said.</p>'


def test_subheading_repeating_the_headline_is_dropped_and_tables_keep_their_rows(world, tmp_path):
    nitf = """<?xml version="1.0" encoding="utf-8"?>
<nitf><head><docdata><doc-id id-string="top-ten-1" regsrc="AP"/>
  <date.issue norm="20190703T040512Z"/></docdata></head>
<body><body.head><hedline><hl1>BC-BBN--Top Ten</hl1></hedline></body.head>
<body.content><block><hl2>BC-BBN--Top Ten</hl2></block>
  <table><tr><th>NATIONAL LEAGUE</th></tr>
    <tr><th></th><th>G</th><th>Pct.</th></tr>
    <tr><td>McNeil NYM</td><td>72</td><td>.351</td></tr></table>
  <p>Yelich, Milwaukee, 31.</p></body.content></body></nitf>"""
    run = import_text(tmp_path, "top.xml", nitf)
    assert run.ok, run.err
    body = Story.objects.get().body
    assert "<h2>" not in body
    assert "<p><strong>NATIONAL LEAGUE</strong></p>" in body
    assert "<p>McNeil NYM | 72 | .351</p>" in body
    assert body.endswith("<p>Yelich, Milwaukee, 31.</p>")


def test_nitf_byline_outlet_after_a_slash_end_marker_and_copyright_holder_as_provider(world, tmp_path):
    nitf = """<?xml version="1.0" encoding="ISO-8859-1"?>
<nitf><head><docdata><doc-id id-string="fact-1"/><doc.copyright holder="PA Sport" year="2015"/>
  <date.issue norm="20151014T043001+0100"/></docdata></head>
<body><body.head><hedline><hl1>Nei, dette stemmer ikke</hl1></hedline>
  <byline>Geir Molnes / Faktisk.no</byline></body.head>
<body.content><p>P&#229;standen er feil.</p><p>ends</p></body.content></body></nitf>"""
    run = import_text(tmp_path, "fact.xml", nitf)
    assert run.ok, run.err
    story = Story.objects.get()
    assert [a.name for a in story.ordered_authors()] == ["Geir Molnes"]
    assert story.body == "<p>Påstanden er feil.</p>"  # the closing "ends" is for the desk
    assert story.imports.get().provider == "PA Sport"


def test_feed_text_without_paragraphs_is_put_in_paragraphs_and_br_pairs_split_them(world, tmp_path):
    rss = """<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title>
<link>https://blog.example/</link>
<item><title>One</title><link>https://blog.example/1</link>
<description>Just text, no markup.</description></item>
<item><title>Two</title><link>https://blog.example/2</link>
<description>&lt;div&gt;First part.&lt;br /&gt;&lt;br /&gt;Second part.&lt;br/&gt;&lt;/div&gt;
</description></item>
<item><title>Three</title><link>https://blog.example/3</link>
<description>&lt;b&gt;Bold&lt;/b&gt; start.</description></item>
</channel></rss>"""
    assert import_text(tmp_path, "blog.rss", rss).ok
    bodies = dict(Story.objects.values_list("headline", "body"))
    assert bodies["One"] == "<p>Just text, no markup.</p>"
    assert bodies["Two"] == "<p>First part.</p><p>Second part.</p>"
    assert bodies["Three"] == "<p><strong>Bold</strong> start.</p>"


def test_feed_figure_whose_picture_is_dropped_loses_its_caption_too(world, tmp_path):
    rss = """<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title><link>https://blog.example/</link>
<item><title>Gardens</title><link>https://blog.example/g</link><description>
&lt;figure&gt;&lt;img src="https://img.example/a.jpg"&gt;
&lt;figcaption&gt;Grow, GROW!&lt;/figcaption&gt;&lt;/figure&gt;
&lt;p&gt;So you want a garden.&lt;/p&gt;</description></item></channel></rss>"""
    assert import_text(tmp_path, "blog.rss", rss).ok
    assert Story.objects.get().body == "<p>So you want a garden.</p>"


def test_feed_dates_written_in_portuguese_and_german_are_read(world, tmp_path):
    rss = """<?xml version="1.0"?><rss version="2.0"><channel><title>Notícias</title><link>https://n.example/</link>
<item><title>Ibope</title><link>https://n.example/1</link><description>Texto.</description>
<pubDate>Seg, 24 Set 2018 19:42:40 -0300</pubDate></item>
<item><title>Hafen</title><link>https://n.example/2</link><description>Text.</description>
<pubDate>Di, 05 Mär 2024 10:00:00 MEZ</pubDate></item></channel></rss>"""
    assert import_text(tmp_path, "n.rss", rss).ok
    times = dict(Story.objects.values_list("headline", "publish_at"))
    assert times["Ibope"] == datetime(2018, 9, 24, 19, 42, 40, tzinfo=timezone(timedelta(hours=-3)))
    assert times["Hafen"] == datetime(2024, 3, 5, 9, 0, tzinfo=UTC)


def test_ninjs_item_whose_only_text_is_its_description_is_imported(world, tmp_path):
    ninjs = """{"uri": "urn:test:skien", "type": "text", "pubStatus": "usable",
      "versionCreated": "2019-08-09T09:46:53Z", "copyrightHolder": "NTB",
      "headlines": [{"role": "main", "value": "Google har kjøpt tomt i Skien"}],
      "descriptions": [{"role": "text", "contentType": "text/plain",
                        "value": "IT-giganten har kjøpt en tomt. "}]}"""
    run = import_text(tmp_path, "skien.json", ninjs)
    assert run.ok, run.err
    story = Story.objects.get()
    assert (story.body, story.dek) == ("<p>IT-giganten har kjøpt en tomt.</p>", "")


def test_ninjs_items_inside_an_api_envelope_are_found_and_non_stories_named(world, tmp_path):
    ninjs = """{"total": 2, "limit": 20, "item": [
      {"uri": "urn:test:1", "type": "advisory", "headline": "advisory", "body_html": "<p>x</p>"},
      {"uri": "urn:test:2", "type": "text", "headline": "Council votes", "body_text": "It voted."}]}"""
    run = import_text(tmp_path, "page.json", ninjs)
    # An advisory is for editors, not readers: skipped with its reason, and the run does not fail.
    assert run.ok, run.err
    assert Story.objects.get().headline == "Council votes"
    assert "skipped" in run.out and "an advisory item, not a story" in run.out


@pytest.mark.parametrize(
    ("xml", "reason"),
    [
        ("<NewsML><NewsItem/></NewsML>", "this is NewsML 1.x (root <NewsML>); only NewsML-G2"),
        ("<contentSet><inlineXML/></contentSet>", "<contentSet> fragment, not a whole newsItem"),
        ("<RBNews><NewsID>1</NewsID></RBNews>", "root element is <RBNews>, which is not NITF"),
    ],
)
def test_xml_of_a_format_we_do_not_read_is_refused_with_its_name(world, tmp_path, xml, reason):
    run = import_text(tmp_path, "wire.xml", f'<?xml version="1.0"?>\n{xml}')
    assert not run.ok and not Story.objects.exists()
    [line] = run.error_lines
    assert reason in line


def test_plain_text_with_windows_line_endings_byline_colon_marker_and_dash_or_pipe_related(world, tmp_path):
    path = tmp_path / "budget.txt"
    path.write_bytes(
        "Council Approves New Budget\r\n\r\nBy Jane Doe and John Roe\r\n\r\n"
        "The council approved the budget on Monday.   \r\n\r\nWhat happens next:\r\n\r\n"
        "The mayor signs it.\r\n\r\nRelated News:\r\n"
        "Old budget fight \u2013 https://example.org/old\r\nMayor profile | https://example.org/mayor\r\n".encode()
    )
    run = import_stories(path)
    assert run.ok, run.err
    story = Story.objects.get()
    assert story.headline == "Council Approves New Budget"
    assert [a.name for a in story.ordered_authors()] == ["Jane Doe", "John Roe"]
    assert story.body == (
        "<p>The council approved the budget on Monday.</p>\n<h2>What happens next</h2>\n"
        "<p>The mayor signs it.</p>"
    )
    links = [(link.title, link.url) for link in story.related_links.order_by("position")]
    assert links == [
        ("Old budget fight", "https://example.org/old"),
        ("Mayor profile", "https://example.org/mayor"),
    ]


def test_plain_text_tab_indented_paragraphs_bullets_and_a_colon_inside_a_paragraph(world, tmp_path):
    text = (
        "Storm Hits Coast\n\n\tThe storm arrived at dawn and\nwrapped here.\n\tOfficials said the roads\n"
        "are closed. In brief:\nstay home.\n\nKey facts:\n- Winds of 120 km/h\n\u2022 Schools closed\n\n"
        "- We will rebuild, the mayor said.\n"
    )
    assert import_text(tmp_path, "storm.txt", text).ok
    assert Story.objects.get().body == (
        "<p>The storm arrived at dawn and wrapped here.</p>\n"
        "<p>Officials said the roads are closed. In brief: stay home.</p>\n"
        "<h2>Key facts</h2>\n<ul><li>Winds of 120 km/h</li><li>Schools closed</li></ul>\n"
        "<p>- We will rebuild, the mayor said.</p>"
    )


def test_feed_html_with_a_line_per_paragraph_and_no_block_tags_keeps_its_paragraphs(world, tmp_path):
    rss = """
<?xml version="1.0" encoding="ISO-8859-1" ?><rss version="0.91"><channel><title>Colunas</title>
<link>https://col.example/</link><item><title>Vida de jogador</title><link>https://col.example/1</link>
<description>
Primeiro par\u00e1grafo.
Segundo par\u00e1grafo.
&lt;a href="https://col.example/1"&gt;Leia mais&lt;/a&gt; (25/05/2010)</description></item></channel></rss>"""
    path = tmp_path / "col.rss"
    path.write_bytes(rss.encode("iso-8859-1"))
    assert import_stories(path).ok
    body = Story.objects.get().body
    assert body.startswith("<p>Primeiro parágrafo.</p><p>Segundo parágrafo.</p><p><a href=")


def test_ninjs_draft_two_headline_and_body_as_lists_of_parts(world, tmp_path):
    ninjs = """{"uri": "http://ninjs.example.com/20130709simp123", "type": "text",
      "versioncreated": "2013-07-09T10:37:00Z", "byline": "Paulo Santalucia and Frances d'Emilio",
      "headline": [{"name": "main", "text": "Captain on trial in Italy"}],
      "body": [{"name": "text", "value": "GROSSETO, Italy (AP) -- The trial began."},
               {"name": "xhtml",
                "value": "<p>GROSSETO, Italy (AP) -- The trial began.</p><p>He denies it.</p>"}]}"""
    run = import_text(tmp_path, "draft.json", ninjs)
    assert run.ok, run.err
    story = Story.objects.get()
    assert story.headline == "Captain on trial in Italy"
    assert story.body == "<p>GROSSETO, Italy (AP) -- The trial began.</p><p>He denies it.</p>"
    assert [a.name for a in story.ordered_authors()] == ["Paulo Santalucia", "Frances d'Emilio"]


def test_g2_message_with_a_package_bare_content_meta_and_byline_paragraph(world, tmp_path):
    message = f"""<?xml version="1.0" encoding="utf-8"?>
<newsMessage xmlns="{G2}"><itemSet>
  <packageItem><itemRef residref="bd-1"/></packageItem>
  <newsItem guid="bd-1" version="3"><itemMeta><itemClass qcode="ninat:text"/><provider literal="CL"/>
    <versionCreated>2016-01-12T12:35:40+13:00</versionCreated></itemMeta><contentMeta/>
  <contentSet><inlineXML contenttype="application/nitf+xml"><nitf>
    <head><title>Receivers install acting CEO</title></head>
    <body><body.content><p>By Jonathan Underhill</p>
      <p>Jan. 12 - The receivers acted.</p></body.content></body>
  </nitf></inlineXML></contentSet></newsItem>
</itemSet></newsMessage>"""
    run = import_text(tmp_path, "message.xml", message)
    assert run.ok, run.err  # the package only lists the item: no failure reported
    story = Story.objects.get()
    assert story.headline == "Receivers install acting CEO"
    assert [a.name for a in story.ordered_authors()] == ["Jonathan Underhill"]
    assert story.body == "<p>Jan. 12 - The receivers acted.</p>"


def test_g2_preformatted_copy_in_one_paragraph_and_the_agency_as_creator(world, tmp_path):
    body = """<inlineXML contenttype="application/xhtml+html"><html xmlns="http://www.w3.org/1999/xhtml">
<body><p>(Adds comments)
    * Spot gold may edge up
    * Investors eye the Fed

    By Arpan Varghese
    Jan 30 (Reuters) - Gold rose on Tuesday on safe
haven demand.
    Traders awaited the Fed.
</p></body></html></inlineXML>"""
    content_meta = """<infoSource literal="Reuters"/><creator literal="Reuters"/>
      <headline>PRECIOUS-Gold rises</headline><creditline>Reuters</creditline>"""
    assert import_text(tmp_path, "gold.xml", news_item(body, content_meta=content_meta)).ok
    story = Story.objects.get()
    assert [a.name for a in story.ordered_authors()] == ["Arpan Varghese"]
    assert story.body == (
        "<p>(Adds comments)</p>\n<ul><li>Spot gold may edge up</li><li>Investors eye the Fed</li></ul>\n"
        "<p>Jan 30 (Reuters) - Gold rose on Tuesday on safe haven demand.</p>\n"
        "<p>Traders awaited the Fed.</p>"
    )


def test_nitf_hard_wrapped_lines_abstract_repeating_the_headline(world, tmp_path):
    nitf = """<?xml version="1.0" encoding="UTF-8"?>
<nitf><head><docdata><doc-id id-string="AAP.1"/><date.issue norm="20131020T192751+1100"/></docdata></head>
<body><body.head><hedline><hl1>The main stories on the 1900 news</hl1></hedline>
  <abstract>The main stories on the 1900 news</abstract><byline>By John Doe</byline></body.head>
<body.content><p>   1A) More extreme weather the <br />fire situation is likely to<br/>get worse.</p><p/>
  <p>Ends here.<br />New line kept.</p></body.content></body></nitf>"""
    run = import_text(tmp_path, "aap.xml", nitf)
    assert run.ok, run.err
    story = Story.objects.get()
    assert story.dek == ""  # the abstract only repeats the headline
    assert story.body == (
        "<p>1A) More extreme weather the fire situation is likely to get worse.</p> "
        "<p>Ends here.<br>New line kept.</p>"
    )


def test_g2_desk_code_creator_is_no_author_and_routing_codes_after_the_text_are_dropped(world, tmp_path):
    body = """<inlineXML contenttype="application/xhtml+xml"><html><body><p>
      (ANSA) - ROMA, 1 LUG - Il governo ha approvato.
    </p>51 77 03 CRO01 1113 APE4800 GEST GEST03</body></html></inlineXML>"""
    content_meta = """<headline>Governo approva</headline><creator literal="VR-COM"/>
      <headline role="hld:subHeadline">Governo approva</headline>"""
    assert import_text(tmp_path, "ansa.xml", news_item(body, content_meta=content_meta)).ok
    story = Story.objects.get()
    assert list(story.ordered_authors()) == [] and story.dek == ""
    assert story.body == "<p>(ANSA) - ROMA, 1 LUG - Il governo ha approvato.</p>"


def test_an_organisation_as_creator_is_no_author_and_a_label_row_under_the_title_is_dropped(world, tmp_path):
    html5 = (
        "<html><head><title>Militärövning 2023</title></head><body><article><section>"
        "<h1>Militärövning 2023</h1><div class='dat'><span>Försvar</span><span>TT</span></div>"
        "<div class='bodytext'><p>Pandemin satte stopp för övningen.</p></div>"
        "</section></article></body></html>"
    )
    ninjs = json.dumps({
        "uri": "http://tt.example/text/1", "type": "text", "by": "The Sports Network",
        "headlines": [{"role": "main", "value": "Militärövning 2023"}],
        "bodies": [{"role": "html5", "contentType": "text/html", "value": html5}],
    })  # fmt: skip
    run = import_text(tmp_path, "tt.json", ninjs)
    assert run.ok, run.err
    story = Story.objects.get()
    assert story.body == "<p>Pandemin satte stopp för övningen.</p>"
    assert list(story.ordered_authors()) == []


def test_nitf_pre_block_keeps_its_lines(world, tmp_path):
    nitf = """<?xml version="1.0" encoding="UTF-8"?>
<nitf><head><title>1 SOCCER INT-Teams</title><docdata><doc-id id-string="T1"/></docdata></head>
<body><body.content>
<pre>International Match
Mexico v Panama
Mexico: Talavera, M. Herrera,
Jonathan, Vela.

</pre></body.content></body></nitf>"""
    run = import_text(tmp_path, "teams.xml", nitf)
    assert run.ok, run.err
    assert Story.objects.get().body == (
        "<p>International Match<br>Mexico v Panama<br>Mexico: Talavera, M. Herrera,<br>Jonathan, Vela.</p>"
    )


def test_superdesk_ninjs_source_agency_is_credited_beside_the_copyright_holder(world, tmp_path):
    ninjs = json.dumps({
        "guid": "tag:localhost:2017:oil", "type": "text", "headline": "Oil prices edge up",
        "body_html": "<p>Oil rose.</p>", "copyrightholder": "Australian Associated Press",
        "source": "Reuters",
    })  # fmt: skip
    assert import_text(tmp_path, "oil.json", ninjs).ok
    outlets = {s.outlet.name for s in Story.objects.get().sources.all()}
    assert outlets == {"Australian Associated Press", "Reuters"}


def test_feed_with_only_content_encoded_gets_no_dek_copied_from_its_body(world, tmp_path):
    rss = """<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Medium</title><link>https://medium.example/</link>
<item><title>Gardens</title><link>https://medium.example/g</link>
<content:encoded><![CDATA[<figure><img src="https://img.example/a.jpg"><figcaption>Grow!</figcaption></figure>
<p>So you want a garden.</p>]]></content:encoded></item></channel></rss>"""
    assert import_text(tmp_path, "medium.rss", rss).ok
    story = Story.objects.get()
    assert (story.dek, story.body) == ("", "<p>So you want a garden.</p>")
