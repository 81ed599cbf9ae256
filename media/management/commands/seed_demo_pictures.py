from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from media.demo import seed_pictures


class Command(BaseCommand):
    help = "Draw the demo newsroom's pictures (media/demo.py) and give them to the demo stories."

    def handle(self, **options):
        editor = get_user_model().objects.filter(username="editor").first()
        count = seed_pictures(editor)
        self.stdout.write(f"Added {count} demo pictures.")
