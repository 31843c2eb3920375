"""Linked rounds (issue 12.3): a follow-up round gekoppeld aan de nulmeting pairs each person's
answers with her baseline answers through a pseudonym; reports show the change per person
for 5 pairs or more, and nobody can tell from the database whose pseudonym is whose."""

import datetime
import hashlib
import hmac
import math
import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from evaluations import services
from evaluations.enums import PairedWithheld, RoundKind
from evaluations.models import Invitation, ItemScore, Response
from evaluations.paired import pseudonym
from tests.factories import NetworkFactory, make_member, make_staff
from tests.factories.evaluations import close, make_round

pytestmark = pytest.mark.django_db

# (baseline, now) of five people; differences 1, 2, 0, 2, 1 (as in test_paired)
PAIRS = [(3, 4), (2, 4), (4, 4), (3, 5), (2, 3)]
# mean 1,2; variance 2,8 / 4 = 0,7; t(0,975; 4) = 2,776445; half width 1,038846
HALF_WIDTH = 2.776445 * math.sqrt(0.7 / 5)


def _network(members: int):
    network = NetworkFactory()
    people = [make_member(network) for _ in range(members)]
    return network, people


def _answer(evaluation, network, person, value: int) -> None:
    """The person answers every scale item of the round with `value`, through her link."""
    invitation = Invitation.objects.get(round=evaluation, network=network, person=person)
    answers = {item.pk: value for item in evaluation.items.all() if item.is_scale}
    services.save_response(invitation.token, answers=answers)


def _linked_pair(networks, *, today=None):
    """An open nulmeting of the networks (opened 200 days ago) and a linked follow-up."""
    today = today or timezone.localdate()
    baseline = make_round(
        networks,
        kind=RoundKind.BASELINE,
        title="Nulmeting",
        opens_on=today - datetime.timedelta(days=200),
        closes_on=today + datetime.timedelta(days=1),
    )
    follow_up = make_round(networks, kind=RoundKind.FINAL, title="Eindmeting")
    follow_up.baseline_round = baseline
    follow_up.save(update_fields=["baseline_round"])
    return baseline, follow_up


def _compute(*rounds):
    for evaluation in rounds:
        close(evaluation)
        services.compute_round_scores(evaluation.pk)


def _first_scale_score(evaluation, network=None) -> ItemScore:
    return (
        ItemScore.objects.filter(
            result__round=evaluation, result__network=network, item__kind="scale"
        )
        .select_related("item")
        .order_by("item__position")
        .first()
    )


def test_open_round_linked_to_a_nulmeting_keeps_the_link():
    network, _ = _network(1)
    baseline = make_round([network], kind=RoundKind.BASELINE, title="Nulmeting")
    follow_up = make_round([network], baseline_round=baseline)
    follow_up.refresh_from_db()
    assert follow_up.baseline_round == baseline


@pytest.mark.parametrize(
    ("kind", "baseline_kind", "message"),
    [
        (RoundKind.BASELINE, RoundKind.BASELINE, "Een nulmeting is zelf de basis"),
        (RoundKind.FINAL, RoundKind.INTERIM, "Kies een nulmeting om aan te koppelen."),
    ],
)
def test_open_round_linked_wrongly_is_refused_at_the_field(kind, baseline_kind, message):
    network, _ = _network(1)
    other = make_round([network], kind=baseline_kind, title="Eerder")
    with pytest.raises(ValidationError) as error:
        make_round([network], kind=kind, title="Later", baseline_round=other)
    assert list(error.value.message_dict) == ["baseline_round"]
    assert error.value.message_dict["baseline_round"][0].startswith(message)
    assert not Response.objects.exists()
    assert sorted(r.title for r in type(other).objects.all()) == ["Eerder"]


def test_paired_change_hand_computed_for_five_pairs():
    network, people = _network(5)
    baseline, follow_up = _linked_pair([network])
    for person, (before, now) in zip(people, PAIRS, strict=True):
        _answer(baseline, network, person, before)
        _answer(follow_up, network, person, now)
    _compute(baseline, follow_up)
    for view in (network, None):  # the network's report and the overall one
        score = _first_scale_score(follow_up, view)
        assert score.paired_n == 5
        assert score.paired_withheld == ""
        assert score.paired_change == pytest.approx(1.2)
        assert score.paired_ci_low == pytest.approx(1.2 - HALF_WIDTH, abs=1e-3)
        assert score.paired_ci_high == pytest.approx(1.2 + HALF_WIDTH, abs=1e-3)
        assert score.paired_effect_size == pytest.approx(1.2 / math.sqrt(0.7))
    # The group comparison stays: baseline mean 14 / 5 = 2,8, now 20 / 5 = 4,0.
    assert _first_scale_score(follow_up, network).change == pytest.approx(1.2)


def test_paired_change_of_four_pairs_is_not_shown_but_the_group_figures_are(client):
    network, people = _network(5)
    baseline, follow_up = _linked_pair([network])
    for person, (before, now) in zip(people, PAIRS, strict=True):
        if person != people[-1]:  # she skipped the nulmeting: 4 pairs
            _answer(baseline, network, person, before)
        _answer(follow_up, network, person, now)
    _compute(baseline, follow_up)
    score = _first_scale_score(follow_up, network)
    assert (score.paired_n, score.paired_change, score.paired_withheld) == (
        None,
        None,
        PairedWithheld.FEW_PAIRS,
    )
    assert score.n == 5
    assert score.mean == pytest.approx(4.0)
    client.force_login(make_staff())
    page = client.get(
        reverse("evaluations:network-report", args=[follow_up.pk, network.slug])
    ).content.decode()
    assert "Verandering per persoon" in page
    assert "niet getoond: minder dan 5 personen beantwoordden beide rondes" in page


def test_report_shows_the_paired_change_in_html_csv_and_pdf(client):
    network, people = _network(5)
    baseline, follow_up = _linked_pair([network])
    for person, (before, now) in zip(people, PAIRS, strict=True):
        _answer(baseline, network, person, before)
        _answer(follow_up, network, person, now)
    _compute(baseline, follow_up)
    client.force_login(make_staff())
    page = client.get(reverse("evaluations:report", args=[follow_up.pk])).content.decode()
    first_item = _first_scale_score(follow_up).item.text
    # 1,2 - 1,0388 = 0,161; 1,2 + 1,0388 = 2,239; d_z = 1,2 / 0,8367 = 1,434
    row = page[page.index('id="paired-table"') :]
    row = row[row.index(first_item) :]
    row = row[: row.index("</tr>")]
    for expected in ("<td>5</td>", "+1,20", "+0,16 tot +2,24", "+1,43"):
        assert expected in row
    csv = client.get(reverse("evaluations:report-csv", args=[follow_up.pk])).content.decode(
        "utf-8-sig"
    )
    header, first = csv.splitlines()[:2]
    assert header.split(";")[-5:] == [
        "Paren",
        "Gemiddelde verandering per persoon",
        "95%-betrouwbaarheidsinterval, ondergrens",
        "95%-betrouwbaarheidsinterval, bovengrens",
        "Gepaarde effectgrootte (d_z)",
    ]
    assert first.split(";")[-5:] == ["5", "1,20", "0,16", "2,24", "1,43"]
    # and the PDF the worker makes
    import io

    from pypdf import PdfReader

    follow_up.refresh_from_db()
    pdf = services.request_report_pdf(follow_up, None, by=None, language="nl")
    services.build_report_pdf(pdf.pk)
    download = client.get(reverse("evaluations:report-pdf", args=[follow_up.pk])).content
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(download)).pages)
    assert "Verandering per persoon" in text
    for figure in ("+1,20", "+0,16", "+2,24", "+1,43"):
        assert figure in text


def test_overall_paired_change_withheld_when_it_would_reveal_a_small_network():
    big, big_people = _network(5)
    small, small_people = _network(3)
    baseline, follow_up = _linked_pair([big, small])
    for network, people in ((big, big_people), (small, small_people)):
        for person, (before, now) in zip(people, PAIRS, strict=False):
            _answer(baseline, network, person, before)
            _answer(follow_up, network, person, now)
    _compute(baseline, follow_up)
    assert _first_scale_score(follow_up, big).paired_n == 5
    assert _first_scale_score(follow_up, small).paired_withheld == PairedWithheld.FEW_PAIRS
    # 8 pairs overall minus the 5 shown = the 3 of the small network: not shown.
    overall = _first_scale_score(follow_up)
    assert (overall.paired_n, overall.paired_withheld) == (None, PairedWithheld.DERIVABLE)


def test_round_not_linked_keeps_no_pseudonym_and_shows_no_paired_change():
    network, people = _network(5)
    follow_up = make_round([network], kind=RoundKind.INTERIM)
    for person in people:
        _answer(follow_up, network, person, 4)
    _compute(follow_up)
    assert list(Response.objects.values_list("pseudonym", flat=True)) == [None] * 5
    score = _first_scale_score(follow_up, network)
    assert (score.paired_n, score.paired_withheld) == (None, "")


def _all_rows_as_text() -> str:
    """Every row of every table, as a database administrator could read them."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from the database
            parts.extend(f"{table}: {row!r}" for row in cursor.fetchall())
    return "\n".join(parts)


def test_pseudonym_cannot_be_derived_from_the_database_alone():
    network, people = _network(5)
    baseline, follow_up = _linked_pair([network])
    for person, (before, now) in zip(people, PAIRS, strict=True):
        _answer(baseline, network, person, before)
        _answer(follow_up, network, person, now)
    stored = set(Response.objects.values_list("pseudonym", flat=True))
    assert len(stored) == 5  # one per person, shared by her two responses
    assert Response.objects.filter(pseudonym__isnull=False).count() == 10

    dump = _all_rows_as_text()
    assert settings.EVALUATION_PSEUDONYM_KEY not in dump
    # No table maps people to pseudonyms: each one occurs only in the two response rows.
    for value in stored:
        lines = [line for line in dump.splitlines() if value in line]
        assert len(lines) == 2
        assert all(line.startswith("evaluations_response:") for line in lines)

    # Whatever the database offers as ids, without the key no computation gives a match.
    user_ids = set(type(people[0]).objects.values_list("pk", flat=True))
    round_ids = {baseline.pk, follow_up.pk}
    candidates = {
        f"leernetwerk.evaluations.pseudonym:{r}:{network.pk}:{u}".encode()
        for r in round_ids
        for u in user_ids
    }
    wrong_keys = [b"", b"wrong key", settings.EVALUATION_RESPONSE_KEY.encode()]
    guesses = {hashlib.sha256(message).hexdigest() for message in candidates}
    guesses |= {
        hmac.new(key, message, hashlib.sha256).hexdigest()
        for key in wrong_keys
        for message in candidates
    }
    assert guesses & stored == set()
    # With the key (which only the application holds) each pseudonym is one person's.
    with_key = {
        pseudonym(
            settings.EVALUATION_PSEUDONYM_KEY,
            chain_id=baseline.pk,
            network_id=network.pk,
            person_id=person.pk,
        )
        for person in people
    }
    assert with_key == stored


def test_forged_link_stores_nothing():
    network, _ = _network(1)
    _, follow_up = _linked_pair([network])
    item = follow_up.items.first()
    with pytest.raises(ValidationError) as error:
        services.save_response("vervalst-" + "x" * 30, answers={item.pk: 3})
    assert error.value.messages == ["Deze link is niet geldig."]
    assert not Response.objects.exists()


def test_link_used_again_changes_the_one_response_and_the_one_pair():
    network, people = _network(5)
    baseline, follow_up = _linked_pair([network])
    for person, (before, now) in zip(people, PAIRS, strict=True):
        _answer(baseline, network, person, before)
        _answer(follow_up, network, person, now)
    # The first person changes her follow-up answer from 4 to 5 through the same link.
    invitation = Invitation.objects.get(round=follow_up, person=people[0])
    answers = {item.pk: 5 for item in follow_up.items.all() if item.is_scale}
    services.save_response(invitation.token, answers=answers, version=1)
    assert Response.objects.filter(round=follow_up).count() == 5
    _compute(baseline, follow_up)
    score = _first_scale_score(follow_up, network)
    # differences 2, 2, 0, 2, 1: still 5 pairs, mean 7 / 5
    assert score.paired_n == 5
    assert score.paired_change == pytest.approx(1.4)


def test_answer_after_close_is_refused_and_pairs_nothing():
    network, people = _network(1)
    baseline, follow_up = _linked_pair([network])
    close(follow_up)
    invitation = Invitation.objects.get(round=follow_up, person=people[0])
    with pytest.raises(ValidationError) as error:
        services.save_response(invitation.token, answers={follow_up.items.first().pk: 3})
    assert error.value.code == "closed"
    assert not Response.objects.filter(round=follow_up).exists()


@pytest.mark.django_db(transaction=True)
def test_two_devices_sending_at_once_give_one_response_and_one_pair():
    network, people = _network(1)
    _, follow_up = _linked_pair([network])
    token = Invitation.objects.get(round=follow_up, person=people[0]).token
    scale = [item for item in follow_up.items.all() if item.is_scale]
    barrier = threading.Barrier(2)
    outcomes = []

    def send(value):
        try:
            barrier.wait()
            services.save_response(token, answers={item.pk: value for item in scale})
            outcomes.append("sent")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(value,)) for value in (2, 4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Both loaded the empty form: the second is told the other device saved meanwhile.
    assert sorted(outcomes) == ["sent", "stale"]
    response = Response.objects.get(round=follow_up)
    assert response.pseudonym is not None
    assert len(set(response.answers.values_list("value", flat=True))) == 1
    assert response.answers.count() == len(scale)
    assert Invitation.objects.get(token=token).is_used is True


def _round_form(network, **extra) -> dict:
    today = timezone.localdate()
    return {
        "title": "Eindmeting 2026",
        "kind": RoundKind.FINAL,
        "opens_on": today.isoformat(),
        "closes_on": (today + datetime.timedelta(days=14)).isoformat(),
        "networks": [network.pk],
        "use_template": "on",
        **extra,
    }


def test_staff_open_a_round_linked_to_the_nulmeting(client):
    network, _ = _network(2)
    baseline = make_round([network], kind=RoundKind.BASELINE, title="Nulmeting 2025")
    client.force_login(make_staff())
    page = client.get(reverse("evaluations:round-create")).content.decode()
    assert "Gekoppeld aan de nulmeting" in page
    response = client.post(
        reverse("evaluations:round-create"), _round_form(network, baseline_round=baseline.pk)
    )
    follow_up = type(baseline).objects.get(title="Eindmeting 2026")
    assert response.url == follow_up.get_absolute_url()
    assert follow_up.baseline_round == baseline
    detail = client.get(follow_up.get_absolute_url()).content.decode()
    assert 'id="linked-baseline">Nulmeting 2025<' in detail


def test_a_nulmeting_linked_to_a_nulmeting_is_refused_at_the_field(client):
    network, _ = _network(2)
    baseline = make_round([network], kind=RoundKind.BASELINE, title="Nulmeting 2025")
    client.force_login(make_staff())
    response = client.post(
        reverse("evaluations:round-create"),
        _round_form(network, kind=RoundKind.BASELINE, baseline_round=baseline.pk),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["baseline_round"] == [
        "Een nulmeting is zelf de basis; die wordt aan geen ronde gekoppeld."
    ]
    assert type(baseline).objects.count() == 1


def test_respondent_is_told_before_answering_that_the_round_is_linked(client):
    network, people = _network(1)
    baseline, follow_up = _linked_pair([network])
    linked = Invitation.objects.get(round=follow_up, person=people[0])
    page = client.get(linked.get_absolute_url()).content.decode()
    notice = page[page.index('id="linked-notice"') :]
    notice = notice[: notice.index("</p>")]
    assert "Deze ronde is gekoppeld aan de nulmeting “Nulmeting”" in notice
    assert "pseudoniem" in notice
    assert page.index('id="linked-notice"') < page.index('name="action"')
    plain = make_round([network], kind=RoundKind.INTERIM, title="Los")
    unlinked = Invitation.objects.get(round=plain, person=people[0])
    assert 'id="linked-notice"' not in client.get(unlinked.get_absolute_url()).content.decode()


def _answered_before_linking_existed(baseline) -> None:
    """The state of a nulmeting answered before linked rounds existed: its responses carry
    no pseudonym (and hold no person, so none can be given afterwards)."""
    Response.objects.filter(round=baseline).update(pseudonym=None)


def test_a_nulmeting_answered_before_linking_gives_no_pairs_and_the_report_says_why(client):
    old, old_people = _network(5)
    new, new_people = _network(5)
    baseline, follow_up = _linked_pair([old, new])
    for person, (before, _) in zip(old_people, PAIRS, strict=True):
        _answer(baseline, old, person, before)
    _answered_before_linking_existed(baseline)
    for person, (before, _) in zip(new_people, PAIRS, strict=True):
        _answer(baseline, new, person, before)
    for network, people in ((old, old_people), (new, new_people)):
        for person, (_, now) in zip(people, PAIRS, strict=True):
            _answer(follow_up, network, person, now)
    _compute(baseline, follow_up)

    score = _first_scale_score(follow_up, old)
    assert (score.paired_n, score.paired_change, score.paired_withheld) == (
        None,
        None,
        PairedWithheld.NO_PSEUDONYMS,
    )
    assert score.baseline_n == 5  # the group comparison with the nulmeting stays
    assert _first_scale_score(follow_up, new).paired_n == 5
    assert _first_scale_score(follow_up).paired_n == 5  # overall: the new network's pairs

    client.force_login(make_staff())
    page = client.get(
        reverse("evaluations:network-report", args=[follow_up.pk, old.slug])
    ).content.decode()
    assert (
        "niet getoond: de antwoorden op de nulmeting zijn gegeven voordat rondes gekoppeld "
        "konden worden; ze zijn anoniem en dragen geen pseudoniem, dus ze kunnen niet worden "
        "gekoppeld"
    ) in page
    assert (
        "De antwoorden op de nulmeting “Nulmeting” zijn gegeven voordat rondes aan een "
        "nulmeting gekoppeld konden worden. Ze zijn anoniem: ze dragen geen pseudoniem en "
        "niets verbindt ze met een persoon, dus ze kunnen achteraf niet worden gekoppeld."
    ) in page
    page = client.get(
        reverse("evaluations:network-report", args=[follow_up.pk, new.slug])
    ).content.decode()
    assert 'id="paired-anonymous"' not in page


def test_overall_says_why_when_no_network_answered_the_nulmeting_with_pseudonyms():
    network, people = _network(5)
    baseline, follow_up = _linked_pair([network])
    for person, (before, now) in zip(people, PAIRS, strict=True):
        _answer(baseline, network, person, before)
        _answer(follow_up, network, person, now)
    _answered_before_linking_existed(baseline)
    _compute(baseline, follow_up)
    overall = _first_scale_score(follow_up)
    assert (overall.paired_n, overall.paired_withheld) == (None, PairedWithheld.NO_PSEUDONYMS)
