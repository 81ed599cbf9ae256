from django.conf import settings
from django.db import models


class ApiKey(models.Model):
    """A partner's or app's key to the read API. Only a hash of the secret is stored
    (api/keys.py): the key is shown once, when it is issued in the admin."""

    name = models.CharField(max_length=100, help_text="Who uses it, e.g. “Kelsby Gazette app”.")
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    requests_per_minute = models.PositiveIntegerField(
        default=60, help_text="Requests this key may make per minute; more are answered 429."
    )
    is_active = models.BooleanField(default=True, help_text="Untick to revoke the key.")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "API key"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"
