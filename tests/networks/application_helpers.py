"""Helpers of the application tests: the application form as the browser posts it
(also used by the review, amounts, short-name and security tests), and a co-initiator named
by address."""

import datetime

from django.utils import timezone

from networks.models import ApplicationInvitee
from tests.factories import SchoolFactory, UserFactory


def form_data(**overrides):
    start = timezone.localdate() + datetime.timedelta(days=30)
    school = SchoolFactory()
    data = {
        "name": "Samen Sturen",
        "central_question": "Hoe sturen we samen?",
        "theme": "Kwaliteit",
        "description": "Een netwerk van schoolleiders.",
        "target_group": "Schoolleiders VO",
        "field_statement": "Wij vroegen erom.",
        "applicant_function": "rector",
        "applicant_school": str(school.pk),
        "access": "open",
        "listed_in_directory": "on",
        "start_date": start.isoformat(),
        "planned_end_date": start.replace(year=start.year + 2).isoformat(),
        "meetings_per_year": "3",
        "meeting_form": "Drie keer per jaar",
        "invited_meeting": "De eerste bijeenkomst",
        "contact_means": ["buddy_groups"],
        "contact_other": "",
        "facilitator_name": "Fee Facilitator",
        "facilitator_email": "fee@example.nl",
        "participant_emails": "\n".join(f"d{n}@example.nl" for n in range(6)),
        "focus_competences": ["1"],
        "monitoring_consent": "on",
        "requested_facilitation": "5000",
        "requested_speakers": "1000",
        "requested_organisation": "500",
        "action": "save",
    }
    from networks.models import Competence

    data["focus_competences"] = [str(Competence.objects.get(number=1).pk)]
    data.update(overrides)
    return data


def _co_initiator_of(application):
    """A person the penvoerder named as co-initiator (by address, account made later)."""
    person = UserFactory()
    ApplicationInvitee.objects.create(
        application=application, role="co_initiator", email=person.email.upper()
    )
    return person
