"""python manage.py eligibility <network-slug> [--json]: the eligibility result of a network.

The automatic result per criterion, with staff's judgement where there is one: the two judged
criteria always, and an automatic criterion staff decided against (with their motivation), as
on the review page."""

import json

from django.core.management.base import BaseCommand, CommandError

from networks import eligibility
from networks.facts import criteria_rows
from networks.models import Network


class Command(BaseCommand):
    help = "Print the eligibility criteria of a network (met / not met / unknown)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The network's slug.")
        parser.add_argument("--json", action="store_true", help="Print JSON.")

    def handle(self, *args, **options):
        network = Network.objects.filter(slug=options["slug"]).first()
        if network is None:
            raise CommandError(f"No network with slug {options['slug']!r}.")
        criteria = []
        for row in criteria_rows(network):
            criterion = row.result.as_dict()
            judgement = row.judgement
            # A judged criterion is decided by staff's judgement; any other by an override.
            if judgement is not None and (
                judgement.is_override or row.code in eligibility.JUDGED_CRITERIA
            ):
                criterion.update(
                    status=row.effective,
                    automatic_status=row.result.status,
                    staff_motivation=judgement.motivation,
                )
            criteria.append(criterion)
        eligible = bool(criteria) and all(c["status"] == eligibility.MET for c in criteria)
        if options["json"]:
            payload = {"network": network.slug, "eligible": eligible, "criteria": criteria}
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            return
        self.stdout.write(f"{network.name} ({network.slug})")
        for c in criteria:
            line = f"  {c['status']:8} {c['code']}: {c['explanation']}"
            if "staff_motivation" in c:
                line += (
                    f" [staff: {c['automatic_status']} -> {c['status']}: {c['staff_motivation']}]"
                )
            self.stdout.write(line)
        self.stdout.write("eligible" if eligible else "not eligible")
