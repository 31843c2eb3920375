"""Forms and imports refuse what their column cannot hold (issue 10, bad input 2), so a long
text is a Dutch message at the field, never a database error on PostgreSQL. The systematic
part: every form's text field is at most as long as the column it is stored in."""

import pytest
from django import forms
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from evaluations import forms as evaluation_forms
from evaluations import models as evaluation_models
from leernetwerk.forms import Form, ModelForm
from meetings import forms as meeting_forms
from meetings import models as meeting_models
from networks import forms as network_forms
from networks import models as network_models
from participants import forms as participant_forms
from participants import models as participant_models
from tests.factories import NetworkFactory, make_facilitator, make_staff

# Each plain form and the model its text fields are stored in (matched by field name), plus
# fields stored under another name or in another model.
PLAIN_FORMS = {
    network_forms.InterestForm: network_models.InterestRegistration,
    network_forms.ApplicationForm: network_models.Network,
    network_forms.ShortNameForm: network_models.Network,
    evaluation_forms.RoundForm: evaluation_models.EvaluationRound,
    evaluation_forms.ItemForm: evaluation_models.Item,
    evaluation_forms.SurveyForm: evaluation_models.RankingSurvey,
    evaluation_forms.LearningFormForm: evaluation_models.LearningForm,
    evaluation_forms.BallotForm: evaluation_models.Ballot,
    evaluation_forms.ValueStoryForm: evaluation_models.ValueStory,
    meeting_forms.GuestSpeakerForm: meeting_models.GuestSpeaker,
    meeting_forms.ResponseForm: meeting_models.Response,
    meeting_forms.CaseForm: meeting_models.Case,
    meeting_forms.NextThemeForm: meeting_models.Meeting,
    meeting_forms.DatePollForm: meeting_models.DatePoll,
    meeting_forms.BuddyGroupForm: meeting_models.BuddyGroup,
    meeting_forms.ContactMomentForm: meeting_models.ContactMoment,
    meeting_forms.ActionItemForm: meeting_models.ActionItem,
    participant_forms.InviteForm: participant_models.Invitation,
    participant_forms.AcceptInvitationForm: participant_models.User,
}
ELSEWHERE = {
    (network_forms.ApplicationForm, "invited_meeting"): (
        network_models.Application,
        "invited_meeting",
    ),
    (network_forms.ApplicationForm, "unmet_explanation"): (
        network_models.Application,
        "unmet_explanation",
    ),
    (network_forms.ApplicationForm, "facilitator_name"): (
        network_models.ApplicationInvitee,
        "name",
    ),
    (network_forms.ApplicationForm, "facilitator_email"): (
        network_models.ApplicationInvitee,
        "email",
    ),
}
# Text fields that are not stored as such (lists split per line and checked per line,
# passwords, filters, choices rendered as text).
NOT_STORED = {
    (evaluation_forms.RoundForm, "extra_questions"),
    (evaluation_forms.SurveyForm, "forms_list"),
    (network_forms.ApplicationForm, "participant_emails"),
    (network_forms.ApplicationForm, "co_initiator_emails"),
    (participant_forms.AcceptInvitationForm, "password1"),
    (participant_forms.AcceptInvitationForm, "password2"),
}


def _column(form, name):
    if (form, name) in ELSEWHERE:
        model, field = ELSEWHERE[(form, name)]
        return model._meta.get_field(field)
    model = form._meta.model if issubclass(form, forms.ModelForm) else PLAIN_FORMS[form]
    return model._meta.get_field(name)


def _forms():
    model_forms = [
        cls
        for module in (evaluation_forms, meeting_forms, network_forms, participant_forms)
        for cls in vars(module).values()
        if isinstance(cls, type) and issubclass(cls, ModelForm) and cls._meta.model
    ]
    return [*model_forms, *PLAIN_FORMS]


@pytest.mark.parametrize("form", _forms(), ids=lambda f: f.__name__)
def test_every_text_field_of_a_form_fits_its_column(form):
    for name, field in form.base_fields.items():
        if not isinstance(field, forms.CharField) or (form, name) in NOT_STORED:
            continue
        column = _column(form, name)
        if column.max_length is None:  # a TextField
            continue
        assert field.max_length is not None, f"{form.__name__}.{name} has no limit"
        assert field.max_length <= column.max_length, f"{form.__name__}.{name}"


def test_every_plain_form_with_text_fields_is_declared_here():
    # An app's own forms: defined in its forms module or in a module of its forms package.
    undeclared = [
        f"{module.__name__}.{cls.__name__}"
        for module in (evaluation_forms, meeting_forms, network_forms, participant_forms)
        for cls in vars(module).values()
        if isinstance(cls, type)
        and issubclass(cls, Form)
        and (cls.__module__ == module.__name__ or cls.__module__.startswith(module.__name__ + "."))
        and any(
            isinstance(f, forms.CharField) and not isinstance(f.widget, forms.Textarea)
            for f in cls.base_fields.values()
        )
        and cls not in PLAIN_FORMS
    ]
    # The speaker's pressed button (the service maps it to a status), a password check and a
    # search filter: no text of theirs is stored.
    assert sorted(undeclared) == [
        "meetings.forms.SpeakerAnswerForm",
        "participants.forms.EraseAccountForm",
        "participants.forms.PeopleFilterForm",
    ]


# The limits above only mean something on PostgreSQL (SQLite stores an over-long value):
# CI, which provides PostgreSQL, fails here if it ever runs them elsewhere; a machine
# without it lists this test as not run.
@pytest.mark.realstack
@pytest.mark.django_db
def test_tests_run_on_postgresql():
    assert connection.vendor == "postgresql"


@pytest.mark.django_db
def test_interest_with_a_310_character_address_is_a_message_at_the_field(client):
    network = NetworkFactory()
    make_facilitator(network)
    address = "a" * 300 + "@school.nl"
    assert len(address) == 310
    response = client.post(
        reverse("networks:directory-detail", args=[network.slug]),
        {"name": "Ina", "email": address},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Zorg dat deze waarde niet meer dan 254 tekens bevat (het zijn er nu 310)."
    ]
    assert network_models.InterestRegistration.objects.count() == 0


@pytest.mark.django_db
def test_round_with_a_10000_character_extra_question_is_a_message_at_the_field(client):
    network = NetworkFactory()
    client.force_login(make_staff())
    today = timezone.localdate()
    response = client.post(
        reverse("evaluations:round-create"),
        {
            "title": "Tussenmeting",
            "kind": "interim",
            "opens_on": today.isoformat(),
            "closes_on": today.replace(day=28).isoformat() if today.day < 28 else today.isoformat(),
            "networks": [network.pk],
            "extra_questions": "Een korte vraag?\n" + "v" * 10000,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["extra_questions"] == [
        "Vraag 2 is langer dan 300 tekens."
    ]
    assert evaluation_models.EvaluationRound.objects.count() == 0
    assert evaluation_models.Item.objects.count() == 0
