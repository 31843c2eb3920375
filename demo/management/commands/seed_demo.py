"""`python manage.py seed_demo`: load the demo networks, people and meetings (see README)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.load import DEMO_LOGINS, DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = (
        "Load the nine seed networks with their people, schools and meetings, and one demo "
        "login per role. Safe to run twice. Refuses to run when DJANGO_DEBUG is false."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-extras",
            action="store_true",
            help="Skip the seed_demo_extras() of the apps' demo modules.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo only runs in development (DJANGO_DEBUG=true): it creates demo "
                "accounts with a published password."
            )
        stats = seed_demo(extras=not options["no_extras"])
        changes = {k: v for k, v in stats.items() if k != "extras"}
        if changes:
            summary = ", ".join(f"{v} {k}" for k, v in sorted(changes.items()))
            self.stdout.write(f"Demo data loaded: {summary}.")
        else:
            self.stdout.write("Demo data already up to date; nothing changed.")
        if stats.get("extras"):
            self.stdout.write("Extras from: " + ", ".join(stats["extras"]))
        self.stdout.write(f"Demo logins (password {DEMO_PASSWORD!r}):")
        for role, email in DEMO_LOGINS.items():
            self.stdout.write(f"  {role:<12} {email}")
