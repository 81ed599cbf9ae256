from django.core.management.base import BaseCommand, CommandError

from frontend import purge
from frontend.models import PurgeFailure


class Command(BaseCommand):
    help = "Send the CDN purges that failed (Admin › CDN purge failures) again; purged ones are removed."

    def handle(self, *args, **options):
        failures = list(PurgeFailure.objects.order_by("failed_at"))
        purged = purge.retry(failures)
        self.stdout.write(f"Purged {purged} of {len(failures)}.")
        if purged < len(failures):
            raise CommandError(f"{len(failures) - purged} purge(s) still failing; see the admin or the log.")
