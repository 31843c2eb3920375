"""The personal evaluation link as the tester met it (issue 12, second walk): a bad link gets
the app's own Dutch page; every text says the link can be used again until the round closes;
after pressing send with questions open the warning comes first; the count says what it
counts."""

import datetime
import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from evaluations import services
from evaluations.enums import ItemKind, RoundKind
from evaluations.models import Invitation
from evaluations.services.reminders import send_reminders_now
from tests.factories import NetworkFactory, make_member, make_staff
from tests.factories.evaluations import make_round

pytestmark = pytest.mark.django_db

NOT_VALID = "Deze evaluatielink is niet geldig"
WHAT_TO_DO = "Open de link uit de laatste evaluatiemail die u kreeg"
CAN_COME_BACK = "Via deze link kunt u tussentijds opslaan, terugkomen en uw antwoorden wijzigen"


@pytest.mark.parametrize("debug", [False, True])
def test_a_forged_link_gets_the_apps_dutch_page_with_404(client, debug):
    make_round([NetworkFactory()])
    forged = reverse("evaluations:respond", args=["vervalst-" + "x" * 30])
    with override_settings(DEBUG=debug):
        response = client.get(forged)
    page = response.content.decode()
    assert response.status_code == 404
    assert NOT_VALID in page
    assert WHAT_TO_DO in page
    assert "vraag de VO-academie dan om uw link" in page
    assert "Using the URLconf" not in page  # not Django's debug list of URLs


def test_the_invitation_and_the_reminder_say_the_link_can_be_used_until_closing(
    mailoutbox, django_capture_on_commit_callbacks
):
    network = NetworkFactory(name="Ondernemend Leren")
    make_member(network)
    with django_capture_on_commit_callbacks(execute=True):
        evaluation = make_round([network])
    with django_capture_on_commit_callbacks(execute=True):
        services.request_reminders(evaluation, by=None)
        send_reminders_now(evaluation.pk)
    closes = evaluation.closes_on
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
              "september", "oktober", "november", "december"]  # fmt: skip
    date = f"{closes.day} {months[closes.month - 1]} {closes.year}"
    assert len(mailoutbox) == 2
    for mail in mailoutbox:
        assert f"{CAN_COME_BACK} tot en met {date}:" in mail.body
        assert "één keer" not in mail.body


def test_the_round_form_says_the_link_can_be_used_until_closing(client):
    client.force_login(make_staff())
    page = client.get(reverse("evaluations:round-create")).content.decode()
    assert "Daarmee kan zij tussentijds opslaan, terugkomen en haar antwoorden wijzigen" in page
    assert "één keer" not in page


def _link(**kwargs):
    network = NetworkFactory()
    make_member(network)
    evaluation = make_round([network], **kwargs)
    invitation = Invitation.objects.get(round=evaluation)
    return evaluation, reverse("evaluations:respond", args=[invitation.token])


def test_the_questionnaire_says_answers_are_not_tied_to_her_name(client):
    _, url = _link()
    page = client.get(url).content.decode()
    assert "Uw antwoorden worden bewaard zonder uw naam; niemand kan ze naar u herleiden." in page
    assert "zonder verband met u" not in page


def test_a_linked_round_says_the_pairing_goes_through_a_pseudonym_not_her_name(client):
    network = NetworkFactory()
    make_member(network)
    today = timezone.localdate()
    baseline = make_round(
        [network],
        kind=RoundKind.BASELINE,
        title="Nulmeting 2025",
        opens_on=today - datetime.timedelta(days=200),
    )
    follow_up = make_round([network], kind=RoundKind.FINAL, title="Eindmeting")
    follow_up.baseline_round = baseline
    follow_up.save(update_fields=["baseline_round"])
    token = Invitation.objects.get(round=follow_up).token
    url = reverse("evaluations:respond", args=[token])
    page = " ".join(client.get(url).content.decode().split())
    assert "Ook hier worden uw antwoorden niet aan uw naam gekoppeld" in page
    assert "via een pseudoniem gekoppeld aan uw antwoorden in de nulmeting" in page
    assert "kan het pseudoniem naar u herleiden" in page
    assert "zonder verband met u" not in page


def test_after_send_with_open_questions_the_warning_comes_before_every_other_text(client):
    evaluation, url = _link()
    first = evaluation.items.filter(kind=ItemKind.SCALE).first()
    page = client.post(url, {f"item_{first.pk}": "4", "action": "send"}).content.decode()
    warning = page.index('id="confirm-incomplete"')
    main = page[page.index('<main id="main"') : warning]
    # only the heading and the round's name stand above it, no privacy text
    assert re.findall(r"<(?:p|div)\b[^>]*>", main) == ["<p>"]
    assert 'role="alert"' in page[warning - 120 : warning + 120]
    assert 'tabindex="-1"' in page[warning : warning + 120]
    # its buttons still send the answers given
    assert page.count('form="respond-form"') == 2
    assert 'id="respond-form"' in page


def test_the_open_count_says_what_it_counts(client):
    evaluation, url = _link()
    scale = evaluation.items.filter(kind=ItemKind.SCALE).count()
    texts = evaluation.items.exclude(kind=ItemKind.SCALE).count()
    assert texts >= 1  # the 2014 questionnaire ends with an open question
    page = " ".join(client.get(url).content.decode().split())
    progress = re.search(r'<p id="progress"[^>]*>(.*?)</p>', page).group(1)
    text = re.sub(r"<[^>]+>", "", progress).strip()
    assert text == (
        f"Nog open: {scale} van {scale} meerkeuzevragen. "
        "Vragen met een tekstvak zijn niet verplicht."
    )
