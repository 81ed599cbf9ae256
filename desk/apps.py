from django.apps import AppConfig


class DeskConfig(AppConfig):
    """The editorial UI: the admin's story pages, dashboard, workflow buttons and history."""

    name = "desk"
    verbose_name = "Desk"
