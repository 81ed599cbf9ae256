from django.apps import AppConfig


class MediaConfig(AppConfig):
    """The picture library: images with their credits and alt text, renditions, uploads.

    Built on the content core: stories refer to images (``Story.lead_image`` and
    ``<figure data-image>`` in bodies) and the core asks, through
    ``articles.signals.story_publishing``, whether a story's pictures are fit to
    go out. It imports nothing of the reader site, the desk or the wire.
    """

    name = "media"
    verbose_name = "Pictures"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from articles.roles import EDITOR, REPORTER, grant
        from articles.signals import story_publishing
        from media.duties import missing_duties
        from media.models import Image

        grant(REPORTER, "media", "image", ["add", "change", "view"])
        grant(EDITOR, "media", "image", ["add", "change", "delete", "view"])
        story_publishing.connect(missing_duties, dispatch_uid="media-picture-duties")
        # A caption, credit, alt text or focal point is what readers see: cached pages must go.
        for signal in (post_save, post_delete):
            signal.connect(_announce, sender=Image, dispatch_uid=f"media-content-changed-{signal}")


def _announce(sender, instance, **kwargs):
    from articles.signals import send_content_changed

    send_content_changed(sender, instance=instance, deleted="created" not in kwargs)
