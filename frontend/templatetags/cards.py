"""``{% front_card card ... %}``, ``{% story_card story ... %}`` and ``{% search_result ... %}``:
story cards, through the fragment cache (frontend/card_fragments.py)."""

from django import template

from frontend.card_fragments import card_html

register = template.Library()


@register.simple_tag
def front_card(card, *, variant="", level="h3", show_standfirst=False):
    """A card on a front (``fronts.assembly.Card``: its slot's headline, standfirst and picture)."""
    return card_html(
        "fronts/_card.html",
        card.story,
        image=card.image,
        headline=card.headline,
        standfirst=card.standfirst if show_standfirst else "",
        variant=variant,
        level=level,
    )


@register.simple_tag
def story_card(story, *, variant="", heading="h3", show_summary=False, thumbnail=""):
    """A card in a list of stories: section, tag, author and archive pages."""
    return card_html(
        "frontend/_card.html",
        story,
        image=story.lead_image if thumbnail else None,
        show_summary=show_summary,
        variant=variant,
        heading=heading,
        thumbnail=thumbnail,
    )


@register.simple_tag
def search_result(story, headline_html, snippet_html):
    """A search result: the card with the matched words marked (kept per query's marks, so a
    query many readers make, as on a news day, is rendered once)."""
    return card_html(
        "frontend/_search_result.html",
        story,
        image=story.lead_image,
        headline_html=headline_html,
        snippet_html=snippet_html,
    )
