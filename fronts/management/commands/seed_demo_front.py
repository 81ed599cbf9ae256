from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from fronts.demo import seed_home_front


class Command(BaseCommand):
    help = "Arrange the demo newsroom's home front (fronts/demo.py), unless editors already have one."

    def handle(self, **options):
        editor = get_user_model().objects.filter(username="editor").first()
        if seed_home_front(editor):
            self.stdout.write("Arranged and published the demo home front.")
        else:
            self.stdout.write("The home front is already arranged; left as it is.")
