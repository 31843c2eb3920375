"""Demo extras for `seed_demo`: two applications, one submitted and awaiting review, one
draft. Idempotent: looked up by slug, created once. Skips quietly without a penvoerder."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from .enums import Access, ContactMeans, InviteeRole, Role
from .models import Competence, Membership, Network
from .services import Invitee, save_application, submit_application

SUBMITTED_SLUG = "data-geinformeerd-leidinggeven"
DRAFT_SLUG = "inclusief-onderwijs-leiden"


def _applicant():
    membership = (
        Membership.objects.current()
        .filter(role=Role.PENVOERDER, person__is_active=True)
        .select_related("person", "person__school")
        .order_by("person__email")
        .first()
    )
    return membership.person if membership else None


def seed_demo_extras() -> None:
    applicant = _applicant()
    if applicant is None:
        return
    start = timezone.localdate().replace(day=1) + datetime.timedelta(days=62)
    start = start.replace(day=1)
    if not Network.objects.filter(slug=SUBMITTED_SLUG).exists():
        application = save_application(
            applicant=applicant,
            network_data={
                "name": "Data-geïnformeerd leidinggeven",
                "central_question": "Hoe gebruiken we data om samen met teams de onderwijskwaliteit te verbeteren?",
                "theme": "Kwaliteitszorg",
                "description": "Schoolleiders leren van elkaar hoe data het gesprek over onderwijs voeden.",
                "target_group": "Schoolleiders en teamleiders in het VO",
                "field_statement": "Tijdens de regiobijeenkomst vroegen twaalf schoolleiders om een netwerk hierover.",
                "access": Access.OPEN,
                "listed_in_directory": True,
                "start_date": start,
                "planned_end_date": start.replace(year=start.year + 2),
                "meetings_per_year": 4,
                "meeting_form": "Vier keer per jaar, 15:00-19:00",
                "contact_means": [ContactMeans.BUDDY_GROUPS, ContactMeans.PLATFORM],
                "contact_other": "",
                "monitoring_consent": True,
            },
            application_data={
                "applicant_function": applicant.function,
                "applicant_school": applicant.school,
                "invited_meeting": "De startbijeenkomst",
                "requested_facilitation": Decimal("6000"),
                "requested_speakers": Decimal("1500"),
                "requested_organisation": Decimal("1000"),
            },
            competences=Competence.objects.filter(number__in=[3, 5]),
            invitees=[
                Invitee(
                    InviteeRole.FACILITATOR, "facilitator.data@demo.example.nl", "Facilitator Data"
                )
            ]
            + [
                Invitee(InviteeRole.PARTICIPANT, f"deelnemer{n}.data@demo.example.nl")
                for n in range(1, 8)
            ],
        )
        # As she would after the warning, should a criterion not be met.
        submit_application(application, by=applicant, confirmed=True)
    if not Network.objects.filter(slug=DRAFT_SLUG).exists():
        save_application(
            applicant=applicant,
            network_data={
                "name": "Inclusief onderwijs leiden",
                "central_question": "Hoe geven we leiding aan inclusiever onderwijs?",
                "theme": "Inclusie",
                "description": "",
                "target_group": "Schoolleiders in het VO",
                "field_statement": "",
                "access": Access.CLOSED,
                "listed_in_directory": True,
                "start_date": start,
                "planned_end_date": start.replace(year=start.year + 1),
                "meetings_per_year": 2,
                "meeting_form": "",
                "contact_means": [],
                "contact_other": "",
                "monitoring_consent": False,
            },
            application_data={
                "applicant_function": applicant.function,
                "applicant_school": applicant.school,
            },
            invitees=[
                Invitee(InviteeRole.PARTICIPANT, f"deelnemer{n}.inclusie@demo.example.nl")
                for n in range(1, 5)
            ],
        )
