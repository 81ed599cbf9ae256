"""From the genres wire formats name (IPTC genre NewsCodes and plain words) to our story types."""

GENRE_TO_STORY_TYPE = {
    "analysis": "analysis",
    "opinion": "opinion",
    "comment": "opinion",
    "commentary": "opinion",
    "editorial": "opinion",
    "column": "opinion",
    "feature": "feature",
    "profile": "feature",
    "interview": "interview",
    "review": "review",
    "explainer": "explainer",
    "background": "explainer",
    "factbox": "explainer",
    "live": "live",
    "liveblog": "live",
    "actuality": "news",
    "current": "news",
    "news": "news",
}


def story_type_for(*genres):
    """Our story type for the first genre we recognise (a name, literal, qcode or URI)."""
    for genre in genres:
        if not genre:
            continue
        key = genre.strip().rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower().replace(" ", "")
        if key in GENRE_TO_STORY_TYPE:
            return GENRE_TO_STORY_TYPE[key]
    return ""
