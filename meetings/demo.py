"""Demo data for `manage.py seed_demo`: a date poll, answers, cases, buddy groups and
contact moments on the seed networks. Idempotent: a second run changes nothing."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from networks.enums import Role
from networks.models import Network

from . import buddies
from .models import (
    BuddyGroup,
    Case,
    ContactMoment,
    DatePoll,
    Meeting,
    PollAnswer,
    PollOption,
    Response,
)
from .selectors import members_of

DEMO_SLUGS = ["verbindend-vernieuwen", "ondernemend-leren", "moreel-beraad-en-bildung"]

CASES = [
    (
        "Weerstand bij een onderwijsvernieuwing",
        "Mijn team twijfelt aan de nieuwe lessentabel; hoe houd ik richting zonder te duwen?",
    ),
    (
        "Samenwerken met de buurschool",
        "Twee scholen willen een gezamenlijk profiel; wie neemt welke rol?",
    ),
]
NOTES = ["Maatjesgesprek over feedback geven", "Schoolbezoek en lesobservaties"]


def _organiser(network):
    membership = (
        network.memberships.current()
        .filter(role__in=[Role.FACILITATOR, Role.PENVOERDER])
        .select_related("person")
        .order_by("role", "pk")
        .first()
    )
    return membership.person if membership else None


@transaction.atomic
def seed_demo_extras() -> None:
    for slug in DEMO_SLUGS:
        network = Network.objects.filter(slug=slug).first()
        if network is None:
            continue  # the seed did not load this network; nothing to add
        members = list(members_of(network))
        if len(members) < 2:
            continue
        organiser = _organiser(network)

        upcoming = list(Meeting.objects.filter(network=network).upcoming()[:2])
        answers = ["coming", "coming", "maybe", "not_coming"]
        for meeting in upcoming:
            for index, person in enumerate(members[:8]):
                answer = answers[index % len(answers)]
                Response.objects.get_or_create(
                    meeting=meeting,
                    person=person,
                    defaults={
                        "answer": answer,
                        "apology": "Ouderavond op school" if answer == "not_coming" else "",
                    },
                )
        if upcoming:
            for (title, description), author in zip(CASES, members[1:3], strict=False):
                Case.objects.get_or_create(
                    meeting=upcoming[0],
                    title=title,
                    defaults={"author": author, "description": description},
                )

        poll, created = DatePoll.objects.get_or_create(
            network=network,
            title="Extra bijeenkomst: terugblik en vooruitblik",
            defaults={"created_by": organiser},
        )
        if created:
            base = (timezone.localtime() + datetime.timedelta(days=45)).replace(
                hour=16, minute=0, second=0, microsecond=0
            )
            PollOption.objects.bulk_create(
                PollOption(
                    poll=poll,
                    starts_at=base + datetime.timedelta(days=7 * i),
                    ends_at=base + datetime.timedelta(days=7 * i, hours=3),
                )
                for i in range(3)
            )
            choices = ["yes", "if_need_be", "no"]
            for index, person in enumerate(members[:5]):
                for offset, option in enumerate(poll.options.all()):
                    PollAnswer.objects.get_or_create(
                        option=option,
                        person=person,
                        defaults={"answer": choices[(index + offset) % 3]},
                    )

        if not BuddyGroup.objects.filter(network=network).exists():
            suggestion = buddies.suggest_groups(
                [(m.pk, m.school_id, m.region) for m in members], size=3
            )
            for number, group_ids in enumerate(suggestion[:3], start=1):
                group = BuddyGroup.objects.create(network=network, name=f"Maatjesgroep {number}")
                group.members.set(group_ids)

        for days_ago, note in zip((20, 50), NOTES, strict=True):
            date = timezone.localdate() - datetime.timedelta(days=days_ago)
            moment, created = ContactMoment.objects.get_or_create(
                network=network, note=note, defaults={"date": date, "recorded_by": organiser}
            )
            if created:
                moment.participants.set(members[:3])
