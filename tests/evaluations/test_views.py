"""Pages: the role matrix for every URL, content, bad input, query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluations import services
from evaluations.models import (
    Answer,
    Ballot,
    EvaluationRound,
    Invitation,
    Item,
    Outcome,
    RankingSurvey,
    Response,
    ValueStory,
)
from evaluations.rules import ReportRef
from networks.enums import Role
from tests.factories import NetworkFactory, UserFactory, make_facilitator, make_member, make_staff
from tests.factories.evaluations import answer_all, close, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """A network with a facilitator, a penvoerder, 5 participants who answered a closed and
    computed round (with comments), a survey, an outcome and a story; plus staff and an
    outsider."""
    network = NetworkFactory(slug="vrouwelijk-leiderschap-1", name="Vrouwelijk Leiderschap 1")
    facilitator = make_facilitator(network)
    penvoerder = make_member(network, role=Role.PENVOERDER)
    evaluation = make_round([network])
    Invitation.objects.filter(person=penvoerder).delete()
    answer_all(
        evaluation,
        network,
        [4, 5, 3, 4, 4],
        comments=[
            "De sfeer is open en veilig.",
            "Meer casuïstiek graag.",
            "Goede gastsprekers.",
            "Meer tijd tussen de bijeenkomsten.",
            "Fijne groep.",
        ],
    )
    participant = Invitation.objects.filter(round=evaluation).first().person
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    survey = services.create_survey(by=None, name="Top 3", forms=["A", "B"])
    story = services.record_value_story(
        network,
        by=participant,
        title="Verhaal",
        visibility="network",
        steps={"immediate": "Energie"},
    )
    return {
        "network": network,
        "round": evaluation,
        "survey": survey,
        "story": story,
        "staff": make_staff(),
        "facilitator": facilitator,
        "penvoerder": penvoerder,
        "participant": participant,
        "outsider": UserFactory(),
    }


def _urls(w):
    r, n, s = w["round"].pk, w["network"].slug, w["survey"].slug
    return {
        "round-list": reverse("evaluations:round-list"),
        "round-create": reverse("evaluations:round-create"),
        "round-detail": reverse("evaluations:round-detail", args=[r]),
        "round-rate": reverse("evaluations:round-rate", args=[r]),
        "item-create": reverse("evaluations:item-create", args=[r]),
        "round-close": reverse("evaluations:round-close", args=[r]),
        "report": reverse("evaluations:report", args=[r]),
        "report-pdf": reverse("evaluations:report-pdf", args=[r]),
        "report-csv": reverse("evaluations:report-csv", args=[r]),
        "network-report": reverse("evaluations:network-report", args=[r, n]),
        "network-report-pdf": reverse("evaluations:network-report-pdf", args=[r, n]),
        "network-report-csv": reverse("evaluations:network-report-csv", args=[r, n]),
        "survey-list": reverse("evaluations:survey-list"),
        "survey-create": reverse("evaluations:survey-create"),
        "survey-detail": reverse("evaluations:survey-detail", args=[s]),
        "form-create": reverse("evaluations:form-create", args=[s]),
        "ballot-create": reverse("evaluations:ballot-create", args=[s]),
        "merge": reverse("evaluations:merge", args=[s]),
        "ballot-import": reverse("evaluations:ballot-import", args=[s]),
        "dashboard": reverse("evaluations:dashboard"),
        "phase": reverse("evaluations:phase", args=[n]),
        "outcome-list": reverse("evaluations:outcome-list", args=[n]),
        "outcome-create": reverse("evaluations:outcome-create", args=[n]),
        "story-create": reverse("evaluations:story-create", args=[n]),
        "story-detail": reverse("evaluations:story-detail", args=[n, w["story"].pk]),
    }


STAFF_ONLY = [
    "round-list",
    "round-create",
    "round-detail",
    "round-rate",
    "item-create",
    "round-close",
    "report",
    "report-pdf",
    "report-csv",
    "survey-list",
    "survey-create",
    "survey-detail",
    "form-create",
    "ballot-create",
    "merge",
    "ballot-import",
    "dashboard",
]
NETWORK_REPORT = ["network-report", "network-report-pdf", "network-report-csv"]
ALLOWED = {
    **{name: {"staff"} for name in STAFF_ONLY},
    **{name: {"staff", "facilitator"} for name in NETWORK_REPORT},
    "phase": {"staff", "facilitator", "penvoerder"},
    "outcome-list": {"staff", "facilitator", "penvoerder", "participant"},
    "story-detail": {"facilitator", "penvoerder", "participant"},  # visibility: network
    "outcome-create": {"facilitator", "penvoerder", "participant"},
    "story-create": {"facilitator", "penvoerder", "participant"},
}
ROLES = ["staff", "facilitator", "penvoerder", "participant", "outsider"]


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_anonymous_is_sent_to_login(client, world, name):
    url = _urls(world)[name]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_role_matrix(client, world, name, role):
    merge_needed = name == "merge"
    if merge_needed:
        a = world["survey"].forms.get(name="A")
        services.record_ballot(
            world["survey"], by=None, respondent="1", choices=[(a, ""), (None, "Coaching")]
        )
    client.force_login(world[role])
    response = client.get(_urls(world)[name])
    expected = 200 if role in ALLOWED[name] else 404
    assert response.status_code == expected, (name, role)


def test_members_read_the_network_report_once_published(client, world):
    url = _urls(world)["network-report"]
    client.force_login(world["participant"])
    assert client.get(url).status_code == 404
    services.publish_round(world["round"], by=world["staff"])
    response = client.get(url)
    assert response.status_code == 200
    assert "Gemiddelde" in response.content.decode()


def test_report_predicate_agrees_with_the_rounds_queryset(world):
    evaluation = world["round"]
    for role in ROLES:
        user = world[role]
        assert user.has_perm("evaluations.manage_rounds") == (
            EvaluationRound.objects.visible_to(user).filter(pk=evaluation.pk).exists()
        )
    ref = ReportRef(round=evaluation, network=world["network"])
    assert [r for r in ROLES if world[r].has_perm("evaluations.view_report", ref)] == [
        "staff",
        "facilitator",
    ]


def test_outcome_queryset_agrees_with_visibility(world):
    network = world["network"]
    for visibility in ("network", "academy", "public"):
        Outcome.objects.create(
            network=network, kind="insight", description=visibility, visibility=visibility
        )
    seen = {
        role: set(Outcome.objects.visible_to(world[role]).values_list("description", flat=True))
        for role in ROLES
    }
    assert seen["participant"] == {"network", "academy", "public"}
    assert seen["staff"] == {"academy", "public"}
    assert seen["outsider"] == {"public"}


def test_network_report_shows_figures_chart_and_open_answers_without_names(client, world):
    client.force_login(world["facilitator"])
    content = client.get(_urls(world)["network-report"]).content.decode()
    assert "<svg" in content and "<title" in content
    assert "Verdeling van de antwoorden per vraag" in content
    # right_topics answers 4,5,3,4,4: mean 4,00; 4 of 5 agree
    assert "In het netwerk worden de juiste onderwerpen besproken." in content
    assert "4,00" in content and "80%" in content
    assert "De sfeer is open en veilig." in content
    for member in Invitation.objects.filter(round=world["round"]).select_related("person"):
        assert member.person.last_name not in content
        assert member.person.email not in content


def test_report_withholds_below_five(client):
    network = NetworkFactory()
    evaluation = make_round([network])
    answer_all(evaluation, network, [5, 5, 5, 5], comments=["Geheim commentaar"])
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    client.force_login(make_staff())
    content = client.get(
        reverse("evaluations:network-report", args=[evaluation.pk, network.slug])
    ).content.decode()
    assert "Deze uitkomsten worden niet getoond" in content
    assert "Geheim commentaar" not in content
    assert "<svg" not in content
    csv_text = client.get(
        reverse("evaluations:network-report-csv", args=[evaluation.pk, network.slug])
    ).content.decode()
    assert "minder dan 5" in csv_text
    assert "5,00" not in csv_text


def test_pdf_and_csv_exports(client, world, django_capture_on_commit_callbacks):
    client.force_login(world["staff"])
    urls = _urls(world)
    with django_capture_on_commit_callbacks(execute=True):  # "PDF maken": the worker builds it
        client.post(urls["network-report-pdf"])
    pdf = client.get(urls["network-report-pdf"])
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "attachment" in pdf["Content-Disposition"]
    csv_text = client.get(urls["network-report-csv"]).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("Vraag;Respondenten;Gemiddelde")
    assert "In het netwerk worden de juiste onderwerpen besproken.;5;4,00" in csv_text


def test_staff_open_a_round_through_the_form(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    network = NetworkFactory(name="Verbindend Vernieuwen")
    make_member(network)
    staff = make_staff()
    client.force_login(staff)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("evaluations:round-create"),
            {
                "title": "Tussenmeting voorjaar",
                "kind": "interim",
                "opens_on": today.isoformat(),
                "closes_on": (today + datetime.timedelta(days=10)).isoformat(),
                "networks": [network.pk],
                "use_template": "on",
            },
            follow=True,
        )
    content = response.content.decode()
    assert "De ronde is open. 1 leden krijgen hun persoonlijke link per e-mail." in content
    assert "Tussenmeting voorjaar" in content
    assert len(mailoutbox) == 1


def test_round_form_without_items_shows_dutch_error_and_stores_nothing(client):
    network = NetworkFactory()
    client.force_login(make_staff())
    today = timezone.localdate().isoformat()
    response = client.post(
        reverse("evaluations:round-create"),
        {
            "title": "Leeg",
            "kind": "interim",
            "opens_on": today,
            "closes_on": today,
            "networks": [network.pk],
        },
    )
    assert "Een ronde heeft minstens één vraag nodig." in response.content.decode()
    assert EvaluationRound.objects.count() == 0


def test_round_form_closing_before_opening(client):
    client.force_login(make_staff())
    response = client.post(
        reverse("evaluations:round-create"),
        {
            "title": "Fout",
            "kind": "interim",
            "opens_on": "2026-05-10",
            "closes_on": "2026-05-01",
            "networks": [NetworkFactory().pk],
            "use_template": "on",
        },
    )
    assert "De sluitingsdatum kan niet vóór de openingsdatum liggen." in response.content.decode()
    assert EvaluationRound.objects.count() == 0


def test_answer_through_the_link(client):
    """Half answered and sent: she is asked to confirm, nothing is stored; she saves, comes
    back through her link to her saved answers, sends, and changes an answer later: one
    response, with the changed answer."""
    network = NetworkFactory()
    make_member(network)
    evaluation = make_round([network])
    invitation = Invitation.objects.get()
    url = reverse("evaluations:respond", args=[invitation.token])
    page = client.get(url).content.decode()
    assert "De sfeer in het netwerk is goed." in page
    assert 'Nog open: <span id="open-count">9</span> van 9 meerkeuzevragen.' in page
    items = {i.code: i for i in evaluation.items.all()}
    half = {f"item_{items['atmosphere'].pk}": "5", f"item_{items['comments'].pk}": "Top"}
    asked = client.post(url, {**half, "action": "send"}).content.decode()
    assert "Nog niet alle vragen zijn beantwoord" in asked
    assert "Toch versturen" in asked
    assert Response.objects.count() == 0
    saved = client.post(url, {**half, "action": "save"}, follow=True).content.decode()
    assert "Uw antwoorden zijn opgeslagen, nog niet verstuurd." in saved
    assert 'Nog open: <span id="open-count">8</span> van 9 meerkeuzevragen.' in saved
    pk = items["atmosphere"].pk
    assert f'name="item_{pk}" value="5" class="form-check-input" id="id_item_{pk}_4" checked' in (
        saved
    )
    assert Invitation.objects.get().is_used is False
    everything = {f"item_{i.pk}": "4" for i in evaluation.items.all() if i.is_scale}
    everything |= {f"item_{items['comments'].pk}": "Top", "edit_version": "1", "action": "send"}
    sent = client.post(url, everything, follow=True).content.decode()
    assert "Dank u wel" in sent
    assert Invitation.objects.get().is_used is True
    again = client.get(url).content.decode()
    assert "Uw antwoorden zijn verstuurd." in again
    changed = everything | {f"item_{items['atmosphere'].pk}": "2", "edit_version": "2"}
    client.post(url, changed, follow=True)
    assert Response.objects.count() == 1
    assert Answer.objects.get(item=items["atmosphere"]).value == 2


def test_answer_dont_know_is_kept_apart_from_the_scale(client):
    network = NetworkFactory()
    make_member(network)
    evaluation = make_round([network])
    item = evaluation.items.first()
    url = reverse("evaluations:respond", args=[Invitation.objects.get().token])
    assert "Weet niet / niet van toepassing" in client.get(url).content.decode()
    client.post(url, {f"item_{item.pk}": "dk", "action": "send-anyway"})
    assert list(Answer.objects.values_list("value", "dont_know")) == [(None, True)]


def test_answer_from_two_devices_the_stale_one_is_told_and_nothing_is_lost(client):
    network = NetworkFactory()
    make_member(network)
    evaluation = make_round([network])
    item = evaluation.items.first()
    url = reverse("evaluations:respond", args=[Invitation.objects.get().token])
    client.post(url, {f"item_{item.pk}": "3", "action": "save"})
    # Both devices loaded version 1; the phone saves first, then the laptop sends.
    client.post(url, {f"item_{item.pk}": "5", "edit_version": "1", "action": "save"})
    page = client.post(
        url, {f"item_{item.pk}": "1", "edit_version": "1", "action": "send-anyway"}
    ).content.decode()
    assert "Uw antwoorden zijn intussen op een ander apparaat gewijzigd." in page
    assert list(Answer.objects.values_list("value", flat=True)) == [5]
    assert Response.objects.count() == 1
    assert Invitation.objects.get().is_used is False


def test_answer_off_the_scale_through_the_form(client):
    network = NetworkFactory()
    make_member(network)
    evaluation = make_round([network])
    item = evaluation.items.first()
    url = reverse("evaluations:respond", args=[Invitation.objects.get().token])
    response = client.post(url, {f"item_{item.pk}": "9", "action": "send-anyway"})
    assert "Kies een waarde van 1 tot en met 5 of “weet niet”." in response.content.decode()
    assert Response.objects.count() == 0


def test_answer_after_closing_through_the_form(client):
    network = NetworkFactory()
    make_member(network)
    evaluation = make_round([network])
    close(evaluation)
    closed = (
        "Deze evaluatie is gesloten; antwoorden kunnen niet meer worden verstuurd of gewijzigd."
    )
    url = reverse("evaluations:respond", args=[Invitation.objects.get().token])
    assert closed in client.get(url).content.decode()
    response = client.post(url, {f"item_{evaluation.items.first().pk}": "3", "action": "save"})
    assert closed in response.content.decode()
    assert Response.objects.count() == 0


def test_unknown_token_is_404(client):
    assert client.get(reverse("evaluations:respond", args=["onzin"])).status_code == 404


def test_close_round_needs_confirmation_then_computes(client, django_capture_on_commit_callbacks):
    network = NetworkFactory()
    evaluation = make_round([network])
    answer_all(evaluation, network, [4] * 5)
    client.force_login(make_staff())
    url = reverse("evaluations:round-close", args=[evaluation.pk])
    assert "Ja, de ronde sluiten" in client.get(url).content.decode()
    evaluation.refresh_from_db()
    assert evaluation.is_open
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "De ronde is gesloten. De scores worden berekend." in response.content.decode()
    evaluation.refresh_from_db()
    assert (evaluation.status, evaluation.scores_status) == ("closed", "done")


def test_round_page_shows_rate_but_never_who(client, world):
    client.force_login(world["staff"])
    content = client.get(_urls(world)["round-detail"]).content.decode()
    assert "100%" in content
    for invitation in Invitation.objects.filter(round=world["round"]).select_related("person"):
        assert invitation.person.email not in content
        assert invitation.person.last_name not in content


def test_item_create_refused_after_answers(client, world):
    evaluation = make_round([NetworkFactory()])
    client.force_login(world["staff"])
    url = reverse("evaluations:item-create", args=[evaluation.pk])
    client.post(url, {"kind": "scale", "text": "Extra vraag"})
    assert evaluation.items.filter(text="Extra vraag").exists()
    response = client.post(
        reverse("evaluations:item-create", args=[world["round"].pk]),
        {"kind": "scale", "text": "Te laat"},
    )
    assert (
        "Deze ronde is gesloten." in response.content.decode()
        or "Er zijn al antwoorden binnen" in response.content.decode()
    )
    assert not Item.objects.filter(text="Te laat").exists()


def test_ballot_entry_and_ranking_page(client, world):
    survey = world["survey"]
    client.force_login(world["staff"])
    a = survey.forms.get(name="A")
    b = survey.forms.get(name="B")
    url = reverse("evaluations:ballot-create", args=[survey.slug])
    client.post(url, {"respondent": "1", "choice_1": b.pk, "choice_2": a.pk})
    client.post(url, {"respondent": "2", "choice_1": a.pk})
    response = client.post(url, {"respondent": "3", "choice_1": a.pk, "choice_2": a.pk})
    assert "Deze leervorm staat al op het stembiljet." in response.content.decode()
    response = client.post(url, {"respondent": "1", "choice_1": a.pk})
    assert "Deze respondent heeft al een stembiljet." in response.content.decode()
    assert Ballot.objects.count() == 2
    page = client.get(reverse("evaluations:survey-detail", args=[survey.slug])).content.decode()
    assert page.index(">A<") < page.index(">B<")  # A: 3+2=5, B: 3 points


def test_survey_create_form(client):
    client.force_login(make_staff())
    response = client.post(
        reverse("evaluations:survey-create"),
        {"name": "Leer-top 3 2026", "forms_list": "Intervisie\nCoaching"},
        follow=True,
    )
    assert "De enquête is aangemaakt." in response.content.decode()
    assert list(RankingSurvey.objects.get().forms.values_list("name", flat=True)) == [
        "Coaching",
        "Intervisie",
    ]


def test_facilitator_sets_phase_and_both_are_shown(client, world):
    client.force_login(world["facilitator"])
    url = _urls(world)["phase"]
    response = client.post(url, {"phase": "harvest"}, follow=True)
    content = response.content.decode()
    assert "De fase is opgeslagen." in content
    world["network"].refresh_from_db()
    assert world["network"].phase_override == "harvest"
    assert "Oogsten (oogstfase)" in content or "oogstfase" in content.lower()
    assert "Voorgesteld op grond van de gegevens" in content


def test_penvoerder_sees_but_cannot_set_the_phase(client, world):
    client.force_login(world["penvoerder"])
    url = _urls(world)["phase"]
    assert "Fase opslaan" not in client.get(url).content.decode()
    assert client.post(url, {"phase": "harvest"}).status_code == 404
    world["network"].refresh_from_db()
    assert world["network"].phase_override == ""


def test_phase_report_on_demand(client, world, django_capture_on_commit_callbacks):
    client.force_login(world["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("evaluations:phase-compute", args=[world["network"].slug]), follow=True
        )
    content = response.content.decode()
    assert "Het faserapport wordt berekend." in content
    assert world["network"].phase_reports.get().status == "done"
    assert (
        "Klaar"
        in client.get(reverse("evaluations:phase", args=[world["network"].slug])).content.decode()
    )


def test_member_records_outcome(client, world):
    client.force_login(world["participant"])
    response = client.post(
        _urls(world)["outcome-create"],
        {
            "kind": "school_improvement",
            "description": "Een nieuwe overlegstructuur.",
            "visibility": "public",
        },
        follow=True,
    )
    content = response.content.decode()
    assert "De opbrengst is vastgelegd." in content
    assert "Een nieuwe overlegstructuur." in content


def test_outcome_without_description_refused(client, world):
    client.force_login(world["participant"])
    response = client.post(
        _urls(world)["outcome-create"], {"kind": "insight", "visibility": "network"}
    )
    assert "Dit veld is vereist." in response.content.decode()
    assert Outcome.objects.count() == 0


def test_story_without_steps_refused(client, world):
    client.force_login(world["participant"])
    response = client.post(_urls(world)["story-create"], {"title": "Leeg", "visibility": "network"})
    assert "Beschrijf minstens één waardecyclus." in response.content.decode()
    assert ValueStory.objects.count() == 1


# --- query counts ---------------------------------------------------------------------------


def test_round_list_query_count_is_fixed(client, django_assert_num_queries):
    staff = make_staff()
    client.force_login(staff)
    make_round([NetworkFactory()])
    client.get(reverse("evaluations:round-list"))
    with django_assert_num_queries(8):
        client.get(reverse("evaluations:round-list"))
    for _ in range(4):
        make_round([NetworkFactory(), NetworkFactory()])
    with django_assert_num_queries(8):
        client.get(reverse("evaluations:round-list"))


def test_dashboard_query_count_is_fixed(client, django_assert_num_queries):
    staff = make_staff()
    client.force_login(staff)
    network = NetworkFactory()
    make_facilitator(network)
    services.compute_phase_report(network.pk)
    # 11: networks_for_staff also prefetches each network's application (planned counts of
    # the staff overview), one query for the whole page
    with django_assert_num_queries(11):
        client.get(reverse("evaluations:dashboard"))
    for _ in range(5):
        other = NetworkFactory()
        make_facilitator(other)
        services.compute_phase_report(other.pk)
    with django_assert_num_queries(11):
        response = client.get(reverse("evaluations:dashboard"))
    assert "Signalen criteria" in response.content.decode()


def _render_slot(tag: str, user, **context) -> str:
    """Render one of this app's slot tags on its own, as the shared pages do."""
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    args = " network" if "network" in context else ""
    template = Template("{% load evaluations_slots %}{% " + tag + args + " %}")
    return template.render(Context({"request": request, **context}))


def test_start_section_query_count_is_fixed(django_assert_num_queries):
    person = UserFactory()
    network = NetworkFactory()
    make_member(network, person=person)
    make_round([network], title="Ronde 1")
    # The person's networks (one query, shared with the page's other sections through the
    # request memo), her open invitations, the published reports.
    with django_assert_num_queries(3):
        content = _render_slot("evaluations_start_section", person)
    assert "Ronde 1" in content
    for i in range(4):
        other = NetworkFactory()
        make_member(other, person=person)
        evaluation = make_round([other], title=f"Ronde extra {i}")
        services.publish_round(evaluation, by=None)
        close(evaluation)
        services.compute_round_scores(evaluation.pk)
    person = type(person).objects.get(pk=person.pk)
    with django_assert_num_queries(3):
        content = _render_slot("evaluations_start_section", person)
    assert "Ronde 1" in content
    assert "Gepubliceerde evaluatierapporten" in content


def test_start_page_shows_open_evaluations(client):
    person = make_member(NetworkFactory())
    make_round([person.memberships.get().network], title="Ronde voor mij")
    client.force_login(person)
    content = client.get(reverse("networks:my-networks")).content.decode()
    assert "Ronde voor mij" in content
    assert reverse("evaluations:respond", args=[Invitation.objects.get().token]) in content


def test_network_section_query_count_is_fixed(world, django_assert_num_queries):
    # 11: the phase report, the latest result and its permission, outcomes, the two
    # permission checks, the results shared back to the network with their permission
    # check, and the live response to open rounds with its permission check.
    network = world["network"]
    facilitator = type(world["facilitator"]).objects.get(pk=world["facilitator"].pk)
    with django_assert_num_queries(11):
        content = _render_slot("evaluations_network_section", facilitator, network=network)
    assert "Fase en opbrengsten" in content
    assert world["round"].title in content
    for i in range(5):
        Outcome.objects.create(network=network, kind="insight", description=str(i))
        other_round = make_round([network], title=f"R{i}")
        close(other_round)
        services.compute_round_scores(other_round.pk)
        services.compute_phase_report(network.pk)
    facilitator = type(facilitator).objects.get(pk=facilitator.pk)
    with django_assert_num_queries(11):
        content = _render_slot("evaluations_network_section", facilitator, network=network)
    assert "5 opbrengsten" in content


def test_network_page_shows_phase_section(client, world):
    client.force_login(world["facilitator"])
    content = client.get(world["network"].get_absolute_url()).content.decode()
    assert "Fase en opbrengsten" in content
    assert reverse("evaluations:phase", args=[world["network"].slug]) in content


def test_staff_navigation_shows_evaluations_links(client):
    client.force_login(make_staff())
    content = client.get(reverse("networks:my-networks")).content.decode()
    assert reverse("evaluations:dashboard") in content
    assert reverse("evaluations:survey-list") in content


def test_participant_navigation_has_no_staff_links(client):
    person = make_member(NetworkFactory())
    client.force_login(person)
    content = client.get(reverse("networks:my-networks")).content.decode()
    assert reverse("evaluations:dashboard") not in content


POST_ONLY = {
    "round-compute": (
        {"staff"},
        lambda w: reverse("evaluations:round-compute", args=[w["round"].pk]),
    ),
    "round-publish": (
        {"staff"},
        lambda w: reverse("evaluations:round-publish", args=[w["round"].pk]),
    ),
    "phase-compute": (
        {"staff", "facilitator", "penvoerder"},
        lambda w: reverse("evaluations:phase-compute", args=[w["network"].slug]),
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(POST_ONLY))
def test_post_only_actions_role_matrix(client, world, name, role):
    allowed, url = POST_ONLY[name]
    client.force_login(world[role])
    response = client.post(url(world), {"publish": "1"})
    assert response.status_code == (302 if role in allowed else 404), (name, role)
    world["round"].refresh_from_db()
    assert world["round"].is_published == (name == "round-publish" and role in allowed)


@pytest.mark.parametrize("name", sorted(POST_ONLY))
def test_post_only_actions_send_anonymous_to_login(client, world, name):
    response = client.post(POST_ONLY[name][1](world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def _upload(text):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("stembiljetten.csv", text.encode(), content_type="text/csv")


def _post_ballots(client, survey, text, capture):
    """Upload a ballot file: the import task runs (eagerly, after the commit); the answer is
    the job page the upload leads to."""
    with capture(execute=True):
        response = client.post(
            reverse("evaluations:ballot-import", args=[survey.slug]), {"file": _upload(text)}
        )
    assert response.status_code == 302
    return client.get(response["Location"])


def test_ballot_file_upload_imports_all(client, world, django_capture_on_commit_callbacks):
    survey = world["survey"]
    client.force_login(world["staff"])
    response = _post_ballots(
        client,
        survey,
        "respondent,choice_1,choice_2,choice_3\nr1,A,B,\nr2,B,,\n",
        django_capture_on_commit_callbacks,
    )
    assert "2 stembiljetten ingelezen in Top 3." in response.content.decode()
    assert survey.ballots.count() == 2


def test_ballot_file_upload_with_errors_stores_nothing_and_lists_lines(
    client, world, django_capture_on_commit_callbacks
):
    survey = world["survey"]
    client.force_login(world["staff"])
    response = _post_ballots(
        client,
        survey,
        "respondent,choice_1,choice_2,choice_3\nr1,A,B,\nr2,B,B,\nr1,Z,,\n",
        django_capture_on_commit_callbacks,
    )
    content = response.content.decode()
    assert "Het bestand is geweigerd; er is niets opgeslagen." in content
    assert "regel 3: De leervorm B staat meer dan eens op dit stembiljet." in content
    assert "regel 4: Respondent r1 staat al op regel 2." in content
    assert "regel 4: Onbekende leervorm: Z." in content
    assert survey.ballots.count() == 0


def test_overall_report_shows_combined_figures_and_links_per_network(client):
    a = NetworkFactory(name="Netwerk A")
    b = NetworkFactory(name="Netwerk B")
    evaluation = make_round([a, b])
    answer_all(evaluation, a, [4] * 5)
    answer_all(evaluation, b, [2] * 5)
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    client.force_login(make_staff())
    content = client.get(reverse("evaluations:report", args=[evaluation.pk])).content.decode()
    assert "alle netwerken" in content
    assert "3,00" in content  # (5 x 4 + 5 x 2) / 10
    assert reverse("evaluations:network-report", args=[evaluation.pk, a.slug]) in content
    assert reverse("evaluations:network-report", args=[evaluation.pk, b.slug]) in content


def test_overall_report_withheld_in_the_subtraction_case(client):
    big = NetworkFactory()
    small = NetworkFactory()
    evaluation = make_round([big, small])
    answer_all(evaluation, big, [4] * 6, comments=[f"Groot netwerk {i}" for i in range(5)])
    answer_all(evaluation, small, [1] * 2, comments=["Klein netwerk"])
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    client.force_login(make_staff())
    overall = client.get(reverse("evaluations:report", args=[evaluation.pk])).content.decode()
    assert "Deze uitkomsten worden niet getoond" in overall
    assert "Klein netwerk" not in overall
    shown = client.get(
        reverse("evaluations:network-report", args=[evaluation.pk, big.slug])
    ).content.decode()
    assert "Groot netwerk 4" in shown
    assert "Klein netwerk" not in shown
    csv_text = client.get(reverse("evaluations:report-csv", args=[evaluation.pk])).content.decode()
    assert "1,00" not in csv_text and "minder dan 5" in csv_text


def test_live_response_rate_partial_polls_while_open(client, world):
    evaluation = make_round([world["network"]])
    client.force_login(world["staff"])
    content = client.get(reverse("evaluations:round-rate", args=[evaluation.pk])).content.decode()
    assert 'hx-trigger="every 15s"' in content
    assert "<html" not in content
    assert "0%" in content


def test_dashboard_shows_the_recheck_shortfalls_of_a_network(client):
    import datetime

    from django.utils import timezone

    from networks.services import recheck_network

    staff = make_staff()
    client.force_login(staff)
    start = timezone.localdate() - datetime.timedelta(days=400)
    short = NetworkFactory(name="Netwerk zonder facilitator", start_date=start)
    healthy = NetworkFactory(name="Gezond netwerk", start_date=start)
    make_facilitator(healthy)
    recheck_network(short)

    html = client.get(reverse("evaluations:dashboard")).content.decode()

    row = html.split("Netwerk zonder facilitator")[1].split("</tr>")[0]
    assert "schiet tekort" in row
    assert "facilitator" in row.lower()
    # never re-checked: the dashboard does not claim it has no shortfalls
    healthy_row = html.split("Gezond netwerk")[1].split("</tr>")[0]
    assert "nog niet herbeoordeeld" in healthy_row
    assert "geen tekortkomingen" not in healthy_row
