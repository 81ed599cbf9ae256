from django.apps import AppConfig


class WireConfig(AppConfig):
    """Copy in and out: wire formats, the import pipeline, exports."""

    name = "wire"
    verbose_name = "Wire"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from articles.roles import EDITOR, grant

        grant(EDITOR, "wire", "importrecord", ["view"])
        # Editors run the wire desk: they add, pause and retry sources (desk/admin/wire.py).
        grant(EDITOR, "wire", "source", ["view", "add", "change"])
