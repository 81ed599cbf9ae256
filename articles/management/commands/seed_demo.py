from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from articles.demo.loader import load_demo

DEMO_USERNAME = "editor"
DEMO_PASSWORD = "newsroom-demo"


class Command(BaseCommand):
    help = "Load the demo newsroom (sections, authors, stories) and a demo editor account."

    def handle(self, **options):
        count = load_demo()
        user, _created = get_user_model().objects.get_or_create(
            username=DEMO_USERNAME, defaults={"email": "editor@example.org"}
        )
        user.is_staff = True
        user.is_superuser = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        self.stdout.write(f"Loaded {count} demo stories.")
        self.stdout.write(
            f"Demo editor: username “{DEMO_USERNAME}”, password “{DEMO_PASSWORD}” at /admin/"
        )
