from django.apps import AppConfig


class FrontsConfig(AppConfig):
    """Curated fronts (the home page and each section's) and the breaking-news banner.

    Built on the content core and the picture library; only the reader site
    (which renders fronts) imports it. A published front or a banner change
    is announced through ``articles.signals.content_changed``, so the page
    cache forgets exactly the pages that show it.
    """

    name = "fronts"
    verbose_name = "Fronts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from articles.roles import EDITOR, grant
        from fronts.models import Banner, Front

        # Choosing what leads the paper is an editor's call; reporters get nothing here.
        for model in ("front", "zone", "slot", "banner"):
            grant(EDITOR, "fronts", model, ["add", "change", "delete", "view"])
        for model in (Front, Banner):
            for signal in (post_save, post_delete):
                signal.connect(
                    _announce, sender=model, dispatch_uid=f"fronts-changed-{model.__name__}-{signal}"
                )


def _announce(sender, instance, **kwargs):
    from articles.signals import send_content_changed

    send_content_changed(sender, instance=instance, created=kwargs.get("created", False),
                         deleted="created" not in kwargs)  # fmt: skip
