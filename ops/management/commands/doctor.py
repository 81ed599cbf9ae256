from django.core.management.base import BaseCommand, CommandError

from ops.doctor import examine


class Command(BaseCommand):
    help = (
        "Check this deployment's settings (secret, hosts, site address, DEBUG, cache, database) "
        "and services (database reachable and migrated, cache reachable). Exit status 1 if anything is wrong."
    )
    # The doctor runs the checks itself, and must run when they fail.
    requires_system_checks = []
    requires_migrations_checks = False

    def handle(self, *args, **options):
        findings = examine()
        for finding in findings:
            if finding.ok:
                self.stdout.write(f"ok       {finding.topic}: {finding.message}")
            else:
                self.stdout.write(self.style.ERROR(f"PROBLEM  {finding.topic}: {finding.message}"))
        problems = sum(not finding.ok for finding in findings)
        if problems:
            raise CommandError(f"{problems} problem(s) found.", returncode=1)
        self.stdout.write(self.style.SUCCESS("No problems found."))
