"""The app-wide input rules (issue 10, security 4 and 5, bad input 1): one-line fields refuse
line breaks and control characters, every date field has a range, a NUL byte in an address is a
Dutch 400 page. Each rule is asserted as a person sees it: the Dutch message at the field, and
nothing changed in the database."""

import datetime
import inspect

import pytest
from django import forms as django_forms
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from evaluations.models import EvaluationRound
from leernetwerk.forms import SafeInputMixin, guard_field
from meetings.models import Meeting
from networks.models import InterestRegistration, Network
from tests.factories import NetworkFactory, make_facilitator, make_staff
from tests.factories.networks import make_applicant
from tests.networks.application_helpers import form_data

pytestmark = pytest.mark.django_db
FMT = "%Y-%m-%dT%H:%M"
ONE_LINE = "Gebruik één regel, zonder regeleinden, tabs of stuurtekens."
DATE_RANGE = "Kies een datum tussen 1-1-2000 en 31-12-2099."
OWN_APPS = ("leernetwerk", "participants", "networks", "meetings", "evaluations")


def _errors(response, field):
    return response.context["form"].errors.get(field, [])


def _meeting_post(**extra):
    start = (timezone.localtime() + datetime.timedelta(days=10)).replace(
        hour=16, minute=0, second=0, microsecond=0
    )
    return {
        "title": "Verbinden in de school",
        "theme": "Samen leren",
        "starts_at": start.strftime(FMT),
        "ends_at": (start + datetime.timedelta(hours=3)).strftime(FMT),
        "location": "Utrecht",
        "address": "Domplein 1",
        "form": "16:00-19:00",
        "agenda": "Opening\r\ncasus\r\nafsluiting",
        **extra,
    }


def _own_form_classes():
    """Every form class the project defines (its own modules, not Django's or a library's)."""
    found, todo = set(), [django_forms.BaseForm]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__module__.split(".")[0] in OWN_APPS and not inspect.isabstract(sub):
                found.add(sub)
    return found


def test_every_form_of_the_app_applies_the_input_rules():
    apps.get_app_configs()  # all apps loaded, so their forms modules are imported below
    for app in ("participants", "networks", "meetings", "evaluations"):
        __import__(f"{app}.forms")
    classes = {
        cls
        for cls in _own_form_classes()
        # The sign-in forms move to django-allauth (the accounts engineer's scope).
        if not cls.__module__.startswith("leernetwerk.accounts")
    }
    assert len(classes) > 30
    missing = sorted(
        f"{c.__module__}.{c.__name__}" for c in classes if not issubclass(c, SafeInputMixin)
    )
    assert missing == []


@pytest.mark.parametrize(
    "text", ["Titel\r\nBcc: x@y.nl", "Titel\nmet regel", "a\tb", "a\x1bb", "a\u2028b", "a\x85b"]
)
def test_one_line_field_refuses_line_breaks_and_control_characters(text):
    field = django_forms.CharField()
    guard_field(field)
    with pytest.raises(django_forms.ValidationError) as error:
        field.clean(text)
    assert error.value.messages == [ONE_LINE]


def test_multi_line_field_keeps_its_line_breaks():
    field = django_forms.CharField(widget=django_forms.Textarea)
    guard_field(field)
    assert field.clean("een\r\ntwee") == "een\r\ntwee"


def test_meeting_title_with_a_line_break_is_refused_at_the_field(client):
    network = NetworkFactory()
    client.force_login(make_facilitator(network))
    response = client.post(
        reverse("meetings:meeting-create", kwargs={"slug": network.slug}),
        _meeting_post(title="Bijeenkomst\r\nBcc: iedereen@example.nl"),
    )
    assert response.status_code == 200
    assert _errors(response, "title") == [ONE_LINE]
    assert ONE_LINE in response.content.decode()
    assert Meeting.objects.count() == 0


def test_meeting_with_a_multi_line_agenda_is_saved(client):
    network = NetworkFactory()
    client.force_login(make_facilitator(network))
    response = client.post(
        reverse("meetings:meeting-create", kwargs={"slug": network.slug}), _meeting_post()
    )
    assert response.status_code == 302
    assert Meeting.objects.get().agenda == "Opening\r\ncasus\r\nafsluiting"


def test_interest_form_refuses_a_name_with_a_line_break(client):
    network = NetworkFactory()
    make_facilitator(network)
    response = client.post(
        reverse("networks:directory-detail", args=[network.slug]),
        {"name": "Jet\r\nBcc: x@y.nl", "email": "jet@school.nl"},
    )
    assert response.status_code == 200
    assert _errors(response, "name") == [ONE_LINE]
    assert InterestRegistration.objects.count() == 0


# --- dates -------------------------------------------------------------------------------


def test_planner_far_in_the_future_is_a_message_not_a_server_error(client):
    network = NetworkFactory(meetings_per_year=6)
    client.force_login(make_facilitator(network))
    # The year planner proposes a series on a POST with step "propose".
    response = client.post(
        reverse("meetings:planner", kwargs={"slug": network.slug}),
        {
            "step": "propose",
            "first_date": "9999-12-20",
            "per_year": "6",
            "count": "6",
            "preset": "evening",
        },
    )
    assert response.status_code == 200
    assert response.context["planner_form"].errors["first_date"] == [DATE_RANGE]
    assert DATE_RANGE in response.content.decode()
    assert Meeting.objects.count() == 0


def test_application_with_a_planned_start_in_year_one_is_refused_at_the_field(client):
    client.force_login(make_applicant())
    response = client.post(
        reverse("networks:application-create"), form_data(start_date="0001-01-01")
    )
    assert response.status_code == 200
    assert _errors(response, "start_date") == [DATE_RANGE]
    assert Network.objects.count() == 0


def test_round_open_until_9999_is_refused_at_the_field(client):
    network = NetworkFactory()
    client.force_login(make_staff())
    today = timezone.localdate()
    response = client.post(
        reverse("evaluations:round-create"),
        {
            "title": "Evaluatie 2026",
            "kind": "baseline",
            "opens_on": today.isoformat(),
            "closes_on": "9999-12-31",
            "networks": [network.pk],
            "use_template": "on",
        },
    )
    assert response.status_code == 200
    assert _errors(response, "closes_on") == [DATE_RANGE]
    assert EvaluationRound.objects.count() == 0


# --- NUL bytes in addresses ------------------------------------------------------------------


def test_school_search_with_a_nul_byte_is_a_dutch_400_page(client):
    network = NetworkFactory()
    client.force_login(make_facilitator(network))
    response = client.get("/deelnemers/scholen/zoeken/?q=%00")
    assert response.status_code == 400
    assert "een teken dat niet is toegestaan (een NUL-byte)" in response.content.decode()


def test_nul_byte_in_a_query_parameter_name_is_refused(client):
    response = client.get("/netwerken/?%00=1")
    assert response.status_code == 400


def test_adding_an_address_with_a_control_character_is_refused_at_the_field(client):
    """allauth's address page (Mijn account → e-mailadressen) follows the same rule: pressing
    'Toevoegen' with a control character in the address gives the message at the field and
    adds no address."""
    from allauth.account.models import EmailAddress

    from tests.factories import UserFactory

    person = UserFactory()
    client.force_login(person)
    before = list(EmailAddress.objects.filter(user=person).values_list("email", flat=True))
    response = client.post(
        "/account/e-mailadres/", {"email": "noor\x92@school.example.nl", "action_add": ""}
    )
    assert response.status_code == 200
    assert ONE_LINE in response.context["form"].errors["email"]
    after = list(EmailAddress.objects.filter(user=person).values_list("email", flat=True))
    assert after == before
