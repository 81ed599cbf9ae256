"""What a picture needs before a story showing it may go out: alt text (unless it is
decorative) and a credit. The workflow asks through ``articles.signals.story_publishing``,
so every door that publishes or schedules (the admin, bulk actions, imports) is held to it."""

from media.models import Image


def missing_duties(sender, story, **kwargs):
    """Receiver of ``story_publishing``: one sentence per picture that is not ready."""
    problems = []
    for image in Image.objects.shown_by(story):
        if needs := image.missing():
            role = "lead image" if image.pk == story.lead_image_id else "picture"
            problems.append(f"the {role} “{image}” (#{image.pk}) needs {' and '.join(needs)}")
    return problems
