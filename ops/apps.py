from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running Newsroom: production checks, the `doctor` command, security headers, login throttling.

    It depends on nothing but Django and the settings, so it can tell what is
    wrong even when the content apps cannot start their work.
    """

    name = "ops"
    verbose_name = "Operations"

    def ready(self):
        from ops import checks  # noqa: F401  (registers the system checks)
