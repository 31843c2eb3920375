"""Factories for applications (issue 3): a complete, eligible application by default."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from networks.enums import Access, ContactMeans, InviteeRole, NetworkStatus
from networks.models import Application, Competence
from networks.services import Invitee, save_application, submit_application
from participants.enums import Function
from tests.factories import SchoolFactory, UserFactory


def application_network_data(**overrides) -> dict:
    start = timezone.localdate() + datetime.timedelta(days=30)
    data = {
        "name": "Samen Sturen",
        "central_question": "Hoe sturen we samen op onderwijskwaliteit?",
        "theme": "Kwaliteit",
        "description": "Schoolleiders die samen leren sturen.",
        "target_group": "Schoolleiders VO",
        "field_statement": "Acht schoolleiders vroegen erom.",
        "access": Access.OPEN,
        "listed_in_directory": True,
        "start_date": start,
        "planned_end_date": start.replace(year=start.year + 2),
        "meetings_per_year": 3,
        "meeting_form": "Drie keer per jaar, 16:00-19:00",
        "contact_means": [ContactMeans.BUDDY_GROUPS],
        "contact_other": "",
        "monitoring_consent": True,
    }
    data.update(overrides)
    return data


def make_applicant(**kwargs):
    kwargs.setdefault("function", Function.RECTOR)
    return UserFactory(**kwargs)


def make_application(
    applicant=None,
    *,
    participants: int = 6,
    facilitator: bool = True,
    submitted: bool = False,
    network_overrides: dict | None = None,
    **application_overrides,
) -> Application:
    """An application through the real service (so the penvoerder membership exists)."""
    applicant = applicant or make_applicant()
    school = applicant.school or SchoolFactory()
    application_data = {
        "applicant_function": applicant.function,
        "applicant_school": school,
        "invited_meeting": "De startbijeenkomst",
        "requested_facilitation": Decimal("5000"),
        "requested_speakers": Decimal("1000"),
        "requested_organisation": Decimal("500"),
    }
    application_data.update(application_overrides)
    invitees = [
        Invitee(InviteeRole.PARTICIPANT, f"deelnemer{n}@{applicant.pk}.example.nl")
        for n in range(participants)
    ]
    if facilitator:
        invitees.append(Invitee(InviteeRole.FACILITATOR, f"fac@{applicant.pk}.example.nl", "Fee"))
    application = save_application(
        applicant=applicant,
        network_data=application_network_data(**(network_overrides or {})),
        application_data=application_data,
        competences=Competence.objects.filter(number__in=[1, 3]),
        invitees=invitees,
    )
    if submitted:
        # Submitting with a criterion not met is her choice after the warning: confirmed.
        submit_application(application, by=applicant, confirmed=True)
        application.network.refresh_from_db()
        assert application.network.status == NetworkStatus.SUBMITTED
    return application
