from django.conf import settings
from django.core.management.base import BaseCommand

from desk import autosave


class Command(BaseCommand):
    help = "Delete autosaved working copies of stories untouched for NEWSROOM_AUTOSAVE_KEEP_DAYS days."

    def handle(self, *args, **options):
        deleted = autosave.forget_old()
        self.stdout.write(
            f"Deleted {deleted} working copies older than {settings.NEWSROOM_AUTOSAVE_KEEP_DAYS} days."
        )
