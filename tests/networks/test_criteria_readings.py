"""The criteria stay right when a draft changes: every reading comes from one builder over the
saved data (issue 11 item 7, issue 14 item 5).

The readings: the live check beside the form, the application page, the review page, the
review queue's "criterion not met" filter, `manage.py eligibility` and the yearly re-check.
The re-check reads live data by rule (meetings held, current members), so it is compared
where its fact is the same one: the planned term."""

import datetime
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from networks.enums import NetworkStatus
from networks.facts import facts_for_network
from networks.models import Application, Competence, RecheckResult
from networks.selectors import application_for_page
from networks.services import decide_application, judge_criteria, recheck_network
from tests.factories import SchoolFactory, make_staff
from tests.factories.networks import make_applicant, make_application

pytestmark = pytest.mark.django_db

# 2028 is a leap year: two years after 29 February 2028 is 28 February 2030.
LEAP_START = datetime.date(2028, 2, 29)


def _form(application, **overrides) -> dict:
    """The application form as the penvoerder posts it: everything met, then `overrides`
    (a value None leaves the field out, as an unticked box)."""
    competence = Competence.objects.get(number=1)
    data = {
        "name": application.network.name,
        "central_question": "Hoe sturen we samen?",
        "theme": "Kwaliteit",
        "description": "Een netwerk van schoolleiders.",
        "target_group": "Schoolleiders VO",
        "field_statement": "Wij vroegen erom.",
        "applicant_function": "rector",
        "applicant_school": str(application.applicant_school_id or SchoolFactory().pk),
        "access": "open",
        "listed_in_directory": "on",
        "start_date": LEAP_START.isoformat(),
        "planned_end_date": "2030-02-28",
        "meetings_per_year": "3",
        "meeting_form": "Drie keer per jaar",
        "invited_meeting": "De eerste bijeenkomst",
        "contact_means": ["buddy_groups"],
        "contact_other": "",
        "facilitator_name": "Fee Facilitator",
        "facilitator_email": "fee@example.nl",
        "participant_emails": "\n".join(f"d{n}@example.nl" for n in range(6)),
        "co_initiator_emails": "",
        "focus_competences": [str(competence.pk)],
        "monitoring_consent": "on",
        "requested_facilitation": "5000",
        "requested_speakers": "1000",
        "requested_organisation": "500",
        "action": "save",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _needs_info_application():
    """An application staff sent back for more information: editable by the penvoerder and
    listed in the review queue (status "more information requested")."""
    application = make_application(submitted=True)
    decide_application(
        application, kind="request_info", motivation="Graag aanvullen.", by=make_staff()
    )
    return application


def _readings(client, application, staff, data, code) -> dict[str, str]:
    """What each reading says about criterion `code` after the penvoerder saved `data`."""
    network = application.network
    readings = {}
    client.force_login(application.applicant)
    live = client.post(
        reverse("networks:application-check-existing", args=[application.pk]), data
    ).content.decode()
    readings["live check"] = re.search(rf'id="check-{code}" data-status="(\w+)"', live).group(1)
    page = client.get(application.get_absolute_url())
    readings["application page"] = {r.code: r.result.status for r in page.context["rows"]}[code]

    client.force_login(staff)
    review = client.get(reverse("networks:review-detail", args=[application.pk]))
    readings["review page"] = {r.code: r.result.status for r in review.context["form"].rows}[code]
    queue = client.get(
        reverse("networks:review-queue"),
        {"status": NetworkStatus.NEEDS_INFO, "not_met": code},
    )
    listed = [a.pk for a in queue.context["object_list"]] == [application.pk]
    readings["queue filter"] = "not_met" if listed else "met or unknown"

    out = StringIO()
    call_command("eligibility", network.slug, "--json", stdout=out)
    readings["command"] = {c["code"]: c["status"] for c in json.loads(out.getvalue())["criteria"]}[
        code
    ]
    if code == "min_two_years":
        recheck_network(network, on=datetime.date(2029, 3, 1))
        result = RecheckResult.objects.filter(network=network).latest("period_start")
        readings["yearly re-check"] = {f["code"]: f["status"] for f in result.findings}[code]
    return readings


def _expected(status: str, code: str) -> dict[str, str]:
    expected = {
        "live check": status,
        "application page": status,
        "review page": status,
        "queue filter": "not_met" if status == "not_met" else "met or unknown",
        "command": status,
    }
    if code == "min_two_years":
        expected["yearly re-check"] = status
    return expected


FIVE = "\n".join(f"d{n}@example.nl" for n in range(5))

# (criterion, form change on the failing side, its status; the passing side's status)
BOUNDARIES = [
    ("min_six_fixed_participants", {"participant_emails": FIVE}, "not_met", "met"),
    ("has_facilitator", {"facilitator_email": "", "facilitator_name": ""}, "not_met", "met"),
    ("min_three_meetings_per_year", {"meetings_per_year": "2"}, "not_met", "met"),
    ("min_two_years", {"planned_end_date": "2030-02-27"}, "not_met", "met"),
    ("contact_between_meetings", {"contact_means": None}, "not_met", "met"),
    ("monitoring_consent", {"monitoring_consent": None}, "not_met", "met"),
    ("academy_invited", {"invited_meeting": ""}, "not_met", "met"),
    ("recognisable_network", {"listed_in_directory": None}, "not_met", "met"),
    ("applicant_vo_leader", {"applicant_function": "teacher"}, "not_met", "met"),
    # Without a competence it is not met; with one it awaits staff's judgement.
    ("professionalisation_focus", {"focus_competences": None}, "not_met", "unknown"),
]


@pytest.mark.parametrize(("code", "failing", "failing_status", "passing_status"), BOUNDARIES)
def test_every_reading_agrees_as_a_draft_crosses_each_boundary(
    client, code, failing, failing_status, passing_status
):
    application = _needs_info_application()
    staff = make_staff()
    update = reverse("networks:application-update", args=[application.pk])
    client.force_login(application.applicant)

    for data, status in (
        (_form(application), passing_status),
        (_form(application, **failing), failing_status),
        (_form(application), passing_status),
    ):
        client.force_login(application.applicant)
        assert client.post(update, data).status_code == 302
        assert _readings(client, application, staff, data, code) == _expected(status, code)


def test_removing_the_facilitator_then_save_and_submit_does_not_submit(client):
    """The bug of issue 11 item 7: the invitee rows were deleted, but the completeness check
    and the stored result read the list loaded before the save."""
    application = make_application()
    client.force_login(application.applicant)
    response = client.post(
        reverse("networks:application-update", args=[application.pk]),
        _form(application, facilitator_email="", facilitator_name="", action="submit"),
        follow=True,
    )
    application.refresh_from_db()
    application.network.refresh_from_db()
    assert application.network.status == NetworkStatus.DRAFT
    content = response.content.decode()
    assert "Concept opgeslagen, maar nog niet ingediend. Nog niet ingevuld: facilitator." in content
    assert '<ul id="missing-list">' in content
    assert "<li>facilitator</li>" in content
    assert application.unmet_criteria == ",has_facilitator,"


def test_five_fixed_participants_after_the_change_is_what_the_queue_finds(client):
    application = _needs_info_application()
    client.force_login(application.applicant)
    client.post(
        reverse("networks:application-update", args=[application.pk]),
        _form(application, participant_emails=FIVE),
    )
    client.force_login(make_staff())
    queue = client.get(
        reverse("networks:review-queue"),
        {"status": NetworkStatus.NEEDS_INFO, "not_met": "min_six_fixed_participants"},
    )
    assert [a.network.name for a in queue.context["object_list"]] == [application.network.name]
    assert Application.objects.get().unmet_criteria == ",min_six_fixed_participants,"


def test_live_check_of_a_new_application_saves_nothing(client):
    from networks.models import Network

    client.force_login(make_applicant())
    draft = make_application()
    response = client.post(
        reverse("networks:application-check"),
        _form(draft, name="Iets Nieuws", participant_emails="a@example.nl"),
    )
    assert 'id="check-min_six_fixed_participants" data-status="not_met"' in (
        response.content.decode()
    )
    assert "1 vaste deelnemer; minimaal 6 nodig." in response.content.decode()
    assert list(Network.objects.values_list("name", flat=True)) == ["Samen Sturen"]


def test_the_review_pages_loaded_application_gives_the_same_facts_as_fresh_reads(
    django_assert_num_queries,
):
    """The review page hands the application it loaded (invitees, judgements, school and
    focus competences with it) to the facts builder instead of letting it read them again:
    the facts must be exactly those of the fresh reads, judgements included, and they cost
    no query for what was loaded."""

    application = make_application(submitted=True, participants=7)
    staff = make_staff()
    application.network.focus_competences.set(Competence.objects.filter(number__in=[1, 3]))
    judge_criteria(
        application,
        judgements={"professionalisation_focus": ("met", "Twee competenties, goed gekozen.")},
        by=staff,
    )
    network = application.network
    fresh = facts_for_network(network)
    loaded = application_for_page(application.pk, staff)
    # Only what was not loaded: the current members, and whether a meeting invites the
    # academy (the meetings per year are the application's own figure).
    with django_assert_num_queries(2):
        from_page = facts_for_network(network, application=loaded)
    assert from_page == fresh
    assert from_page.judgements == {"professionalisation_focus": "met"}
    assert from_page.focus_competence_count == 2
    assert from_page.fixed_participants == 7


def test_an_application_of_another_network_is_refused_by_the_facts_builder():

    one, other = make_application(), make_application()
    with pytest.raises(ValueError, match="not this network's"):
        facts_for_network(one.network, application=other)
