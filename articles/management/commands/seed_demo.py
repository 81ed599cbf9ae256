from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import BaseCommand

from articles.demo.loader import load_demo, reset_demo
from articles.models import Story
from articles.roles import EDITOR, REPORTER, sync_roles

DEMO_USERNAME = "editor"
DEMO_PASSWORD = "newsroom-demo"
DEMO_REPORTER_USERNAME = "reporter"


class Command(BaseCommand):
    help = (
        "Load the demo newsroom (sections, authors, stories) and demo editor and reporter accounts. "
        "Stories already there are kept as editors left them; --reset restores the original demo."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo's own stories (with their versions and history) and load them afresh, "
            "undoing every change made to them. Other stories are left alone.",
        )

    def handle(self, **options):
        sync_roles(Group, Permission)
        editor = self._demo_user(DEMO_USERNAME, EDITOR)
        reporter = self._demo_user(DEMO_REPORTER_USERNAME, REPORTER)
        if options["reset"]:
            removed = reset_demo()
            self.stdout.write(f"Reset: removed {removed} demo stories to load them as they were.")
        count = load_demo(editor)
        # Give the reporter the demo's unowned drafts, so their desk is not empty.
        Story.objects.filter(status=Story.Status.DRAFT, created_by=None).update(created_by=reporter)
        self.stdout.write(f"Loaded {count} demo stories.")
        if apps.is_installed("media"):  # the picture library draws its own (media/demo.py)
            call_command("seed_demo_pictures", stdout=self.stdout)
        if apps.is_installed("fronts"):  # the curated home front arranges itself (fronts/demo.py)
            call_command("seed_demo_front", stdout=self.stdout)
        self.stdout.write(f"Demo editor: username “{DEMO_USERNAME}”, password “{DEMO_PASSWORD}” at /admin/")
        self.stdout.write(
            f"Demo reporter: username “{DEMO_REPORTER_USERNAME}”, password “{DEMO_PASSWORD}” at /admin/"
        )

    def _demo_user(self, username, role):
        user, _created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        user.is_staff = True
        user.is_superuser = False
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set([Group.objects.get(name=role)])
        return user
