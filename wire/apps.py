from django.apps import AppConfig


class WireConfig(AppConfig):
    """Copy in and out: wire formats, the import pipeline, exports."""

    name = "wire"
    verbose_name = "Wire"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from articles.roles import EDITOR, grant

        grant(EDITOR, "wire", "importrecord", ["view"])
