"""python manage.py eligibility <network-slug> [--json]: the eligibility result of a network."""

import json

from django.core.management.base import BaseCommand, CommandError

from networks import eligibility
from networks.models import Network
from networks.selectors import facts_for_network


class Command(BaseCommand):
    help = "Print the eligibility criteria of a network (met / not met / unknown)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The network's slug.")
        parser.add_argument("--json", action="store_true", help="Print JSON.")

    def handle(self, *args, **options):
        network = Network.objects.filter(slug=options["slug"]).first()
        if network is None:
            raise CommandError(f"No network with slug {options['slug']!r}.")
        results = eligibility.evaluate(facts_for_network(network))
        eligible = eligibility.is_eligible(results)
        if options["json"]:
            payload = {
                "network": network.slug,
                "eligible": eligible,
                "criteria": [result.as_dict() for result in results],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            return
        self.stdout.write(f"{network.name} ({network.slug})")
        for result in results:
            self.stdout.write(f"  {result.status:8} {result.code}: {result.explanation}")
        self.stdout.write("eligible" if eligible else "not eligible")
