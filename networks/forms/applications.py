"""The penvoerder's application form (aanvraag); what it hands to the services."""

from __future__ import annotations

from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from leernetwerk.concurrency import EditVersionMixin
from leernetwerk.forms import AmountField, Form, ModelMultipleChoiceField
from participants.enums import Function
from participants.models import School

from ..enums import Access, ContactMeans, InviteeRole
from ..models import MAX_CONTRIBUTION, SHORT_NAME_LENGTH, Application, Competence, Network
from ..services import Invitee

NETWORK_FIELDS = (
    "name",
    "short_name",
    "central_question",
    "theme",
    "description",
    "target_group",
    "field_statement",
    "access",
    "start_date",
    "planned_end_date",
    "meetings_per_year",
    "meeting_form",
    "contact_means",
    "contact_other",
    "monitoring_consent",
    "listed_in_directory",
)
APPLICATION_FIELDS = (
    "applicant_function",
    "applicant_school",
    "invited_meeting",
    "requested_facilitation",
    "requested_speakers",
    "requested_organisation",
    "unmet_explanation",
)
# What a field that is not filled in (or has an error) stands for when saving.
EMPTY = {
    "access": "",
    "start_date": None,
    "planned_end_date": None,
    "meetings_per_year": None,
    "contact_means": [],
    "monitoring_consent": False,
    "listed_in_directory": False,
    "applicant_school": None,
    "requested_facilitation": None,
    "requested_speakers": None,
    "requested_organisation": None,
}
AMOUNT_FIELDS = ("requested_facilitation", "requested_speakers", "requested_organisation")


def _amount(label):
    return AmountField(
        label=label, required=False, min_value=Decimal("0"), max_value=MAX_CONTRIBUTION
    )


def _verbose(model, field):
    return capfirst(model._meta.get_field(field).verbose_name)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ApplicationForm(EditVersionMixin, Form):
    """Everything the criteria need. Only the name is required for a draft; completeness is
    checked when submitting (services.missing_for_submission)."""

    name = forms.CharField(label=_verbose(Network, "name"), max_length=200)
    short_name = forms.CharField(
        label=_verbose(Network, "short_name"),
        max_length=SHORT_NAME_LENGTH,
        required=False,
        help_text=Network._meta.get_field("short_name").help_text,
    )
    central_question = forms.CharField(
        label=_verbose(Network, "central_question"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    theme = forms.CharField(label=_verbose(Network, "theme"), max_length=200, required=False)
    description = forms.CharField(
        label=_verbose(Network, "description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    target_group = forms.CharField(
        label=_verbose(Network, "target_group"), max_length=300, required=False
    )
    field_statement = forms.CharField(
        label=_verbose(Network, "field_statement"),
        required=False,
        help_text=Network._meta.get_field("field_statement").help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    applicant_function = forms.ChoiceField(
        label=_("Your function"),
        required=False,
        choices=[("", _("Choose your function")), *Function.choices],
    )
    applicant_school = forms.ModelChoiceField(
        label=_("Your school"),
        required=False,
        queryset=School.objects.filter(is_approved=True).order_by("name"),
        empty_label=_("Choose your school"),
    )
    access = forms.ChoiceField(
        label=_verbose(Network, "access"),
        required=False,
        choices=[("", _("Choose open or closed")), *Access.choices],
    )
    listed_in_directory = forms.BooleanField(
        label=_("List the network in the public directory"), required=False, initial=True
    )
    start_date = forms.DateField(label=_("Planned start"), required=False, widget=DateInput())
    planned_end_date = forms.DateField(
        label=_verbose(Network, "planned_end_date"), required=False, widget=DateInput()
    )
    meetings_per_year = forms.IntegerField(
        label=_verbose(Network, "meetings_per_year"), required=False, min_value=1, max_value=52
    )
    meeting_form = forms.CharField(
        label=_verbose(Network, "meeting_form"),
        max_length=300,
        required=False,
        help_text=Network._meta.get_field("meeting_form").help_text,
    )
    invited_meeting = forms.CharField(
        label=_verbose(Application, "invited_meeting"),
        max_length=300,
        required=False,
        help_text=Application._meta.get_field("invited_meeting").help_text,
    )
    contact_means = forms.MultipleChoiceField(
        label=_verbose(Network, "contact_means"),
        required=False,
        choices=ContactMeans.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    contact_other = forms.CharField(
        label=_verbose(Network, "contact_other"), max_length=200, required=False
    )
    facilitator_name = forms.CharField(
        label=_("Facilitator's name"), max_length=200, required=False
    )
    facilitator_email = forms.CharField(
        label=_("Facilitator's e-mail address"),
        max_length=254,
        required=False,
        help_text=_("An existing person or someone we invite by e-mail."),
    )
    participant_emails = forms.CharField(
        label=_("E-mail addresses of the planned fixed participants"),
        required=False,
        help_text=_("One address per line."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    co_initiator_emails = forms.CharField(
        label=_("E-mail addresses of co-initiators"),
        required=False,
        help_text=_(
            "One address per line. Co-initiators may change this draft with you and become "
            "penvoerder when the network is granted."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    focus_competences = ModelMultipleChoiceField(
        label=_verbose(Network, "focus_competences"),
        required=False,
        queryset=Competence.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple,
    )
    monitoring_consent = forms.BooleanField(
        label=_verbose(Network, "monitoring_consent"), required=False
    )
    requested_facilitation = _amount(_verbose(Application, "requested_facilitation"))
    requested_speakers = _amount(_verbose(Application, "requested_speakers"))
    requested_organisation = _amount(_verbose(Application, "requested_organisation"))
    unmet_explanation = forms.CharField(
        label=_verbose(Application, "unmet_explanation"),
        required=False,
        max_length=5000,
        help_text=Application._meta.get_field("unmet_explanation").help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, application: Application | None = None, **kwargs):
        self.application = application  # when editing: guards against a concurrent save
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "edit_version",
            Fieldset(
                _("The network"),
                "name",
                "short_name",
                "central_question",
                "theme",
                "description",
                "target_group",
                "field_statement",
            ),
            Fieldset(_("You as applicant"), "applicant_function", "applicant_school"),
            Fieldset(
                _("Form and rhythm"),
                "access",
                "listed_in_directory",
                "start_date",
                "planned_end_date",
                "meetings_per_year",
                "meeting_form",
                "invited_meeting",
                "contact_means",
                "contact_other",
            ),
            Fieldset(
                _("People"),
                "facilitator_name",
                "facilitator_email",
                "participant_emails",
                "co_initiator_emails",
            ),
            Fieldset(_("Professionalisation"), "focus_competences", "monitoring_consent"),
            Fieldset(
                _("Requested contribution for the first year"),
                "requested_facilitation",
                "requested_speakers",
                "requested_organisation",
            ),
            Fieldset(_("Criteria not met"), "unmet_explanation"),
        )

    def version_object(self):
        return self.application

    # --- validation ------------------------------------------------------------------

    def clean_facilitator_email(self):
        email = self.cleaned_data["facilitator_email"].strip().lower()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise ValidationError(
                    _("%(value)s is not an e-mail address."), params={"value": email}
                ) from None
        return email

    def _email_list(self, field: str) -> list[str]:
        lines = [
            line.strip().lower()
            for line in self.cleaned_data[field].replace(",", "\n").splitlines()
        ]
        emails, seen, errors = [], set(), []
        for line in filter(None, lines):
            try:
                validate_email(line)
            except ValidationError:
                errors.append(
                    ValidationError(
                        _("%(value)s is not an e-mail address."), params={"value": line}
                    )
                )
                continue
            if line in seen:
                errors.append(
                    ValidationError(_("%(value)s is listed twice."), params={"value": line})
                )
                continue
            seen.add(line)
            emails.append(line)
        if errors:
            raise ValidationError(errors)
        return emails

    def clean_participant_emails(self):
        return self._email_list("participant_emails")

    def clean_co_initiator_emails(self):
        return self._email_list("co_initiator_emails")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("planned_end_date")
        if start and end and end <= start:
            self.add_error("planned_end_date", _("The planned end must be after the start."))
        facilitator = cleaned.get("facilitator_email")
        participants = cleaned.get("participant_emails") or []
        if facilitator and facilitator in participants:
            self.add_error(
                "participant_emails",
                _("%(value)s is already the facilitator.") % {"value": facilitator},
            )
        named = {facilitator, *participants} - {""}
        for email in cleaned.get("co_initiator_emails") or []:
            if email in named:
                self.add_error(
                    "co_initiator_emails",
                    _("%(value)s is already named as facilitator or participant.")
                    % {"value": email},
                )
        return cleaned

    # --- for the service and the live check ------------------------------------------

    @classmethod
    def initial_for(cls, application: Application) -> dict:
        network = application.network
        initial = {field: getattr(network, field) for field in NETWORK_FIELDS}
        initial["access"] = network.access
        initial["monitoring_consent"] = bool(network.monitoring_consent)
        initial.update({field: getattr(application, field) for field in APPLICATION_FIELDS})
        initial["applicant_school"] = application.applicant_school_id
        initial["focus_competences"] = list(network.focus_competences.all())
        invitees = list(application.invitees.all())
        facilitator = next((i for i in invitees if i.role == InviteeRole.FACILITATOR), None)
        if facilitator:
            initial["facilitator_email"] = facilitator.email
            initial["facilitator_name"] = facilitator.name
        for role, field in (
            (InviteeRole.PARTICIPANT, "participant_emails"),
            (InviteeRole.CO_INITIATOR, "co_initiator_emails"),
        ):
            initial[field] = "\n".join(i.email for i in invitees if i.role == role)
        return initial

    def network_data(self) -> dict:
        data = {
            field: self.cleaned_data.get(field, EMPTY.get(field, "")) for field in NETWORK_FIELDS
        }
        data["monitoring_consent"] = bool(data["monitoring_consent"])
        return data

    def application_data(self) -> dict:
        return {
            field: self.cleaned_data.get(field, EMPTY.get(field, ""))
            for field in APPLICATION_FIELDS
        }

    def service_data(self) -> dict:
        """What `save_application` / `check_application` take. On an invalid form (the live
        check), the fields with errors are passed empty, as if not filled in yet."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        return {
            "network_data": self.network_data(),
            "application_data": self.application_data(),
            "competences": self.cleaned_data.get("focus_competences") or [],
            "invitees": self.invitees(),
        }

    def invitees(self) -> list[Invitee]:
        invitees = []
        if self.cleaned_data.get("facilitator_email"):
            invitees.append(
                Invitee(
                    InviteeRole.FACILITATOR,
                    self.cleaned_data["facilitator_email"],
                    self.cleaned_data.get("facilitator_name", ""),
                )
            )
        invitees += [
            Invitee(InviteeRole.PARTICIPANT, email)
            for email in self.cleaned_data.get("participant_emails", [])
        ]
        invitees += [
            Invitee(InviteeRole.CO_INITIATOR, email)
            for email in self.cleaned_data.get("co_initiator_emails", [])
        ]
        return invitees
