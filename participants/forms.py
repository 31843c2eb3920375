"""Forms of the participants app: they validate; views pass cleaned_data to a service."""

from __future__ import annotations

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Layout
from django import forms
from django.contrib.auth import password_validation
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leernetwerk.concurrency import ConcurrentEditMixin
from leernetwerk.forms import Form, ModelForm, ModelMultipleChoiceField, UploadField
from meetings.models import Meeting
from networks.memberships import closed_to_new_members, is_current_member
from networks.models import Competence, Network

from . import bcscan
from .enums import Function, Region, Visibility
from .models import BCScan, LearningQuestion, School, User
from .selectors import schools_matching
from .services import goal_states_a_means


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


def school_label(school: School) -> str:
    return f"{school.name} ({school.brin_code}) – {school.town}"


class SchoolChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return school_label(obj)


class ProfileForm(ConcurrentEditMixin, ModelForm):
    """The person's own profile. The school list is filtered by a search (htmx or plain
    GET), while every approved school (and the person's current one) stays valid."""

    school = SchoolChoiceField(
        queryset=School.objects.none(),
        required=False,
        label=_("School"),
        help_text=_("Search by name, BRIN code or town. Not in the list? Propose your school."),
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "function", "school", "region", "phone"]

    def __init__(self, *args, school_query: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.school
        valid = School.objects.filter(is_approved=True)
        if current is not None:
            valid = valid | School.objects.filter(pk=current.pk)
        self.fields["school"].queryset = valid
        self.fields["school"].widget.choices = [("", "---------")] + [
            (s.pk, school_label(s)) for s in schools_matching(school_query, include=current)
        ]
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.helper = _helper()


class SchoolProposalForm(ModelForm):
    class Meta:
        model = School
        fields = ["name", "brin_code", "town"]
        help_texts = {"brin_code": _("Four characters: two digits and two letters, e.g. 01AB.")}

    def clean_brin_code(self):
        code = self.cleaned_data["brin_code"].strip().upper()
        if not re.fullmatch(r"\d{2}[A-Z]{2}", code):
            raise forms.ValidationError(_("A BRIN code is two digits and two letters, e.g. 01AB."))
        if School.objects.filter(brin_code=code).exists():
            raise forms.ValidationError(
                _("A school with this BRIN code already exists: search for it in the list.")
            )
        return code

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class InviteForm(Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self.helper = _helper()

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        reason = closed_to_new_members(self.network)
        if reason:
            raise forms.ValidationError(reason)
        if is_current_member(self.network, email):
            raise forms.ValidationError(_("This address is already a member of this network."))
        return email


class AcceptInvitationForm(Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            user = User(
                email=self.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(p1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ImportUploadForm(Form):
    file = UploadField(
        extensions=("csv", "xlsx"),
        type_message=_("Choose a .csv or .xlsx file."),
        label=_("File (CSV or Excel)"),
        help_text=_(
            "Columns: email, first_name, last_name, brin (voornaam, achternaam and e-mailadres "
            "are accepted too). Row 1 is the header."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


def _my_networks_field() -> ModelMultipleChoiceField:
    """The owner's current networks a question or BC-Scan may be shared with."""
    return ModelMultipleChoiceField(
        queryset=Network.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("My networks"),
        help_text=_("Sharing reaches only the networks you link here."),
    )


class LearningQuestionForm(ConcurrentEditMixin, ModelForm):
    competences = ModelMultipleChoiceField(
        queryset=Competence.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Competences"),
    )
    networks = _my_networks_field()

    class Meta:
        model = LearningQuestion
        fields = ["title", "description", "goal", "competences", "networks", "visibility", "status"]
        widgets = {
            "visibility": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
            "goal": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"title": _("Learning question")}
        help_texts = {
            "goal": _(
                "Rule of thumb: a sentence that can begin with “Leerlingen” states a goal; "
                "otherwise it talks about means."
            ),
        }

    def __init__(self, *args, owner: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["networks"].queryset = Network.objects.with_role(owner).order_by("name")
        # The hint below the goal is refreshed while typing (htmx); it never blocks saving.
        self.fields["goal"].widget.attrs.update(
            {
                "hx-post": reverse_lazy("participants:goal-hint"),
                "hx-trigger": "input changed delay:500ms",
                "hx-target": "#goal-hint",
                "hx-swap": "innerHTML",
            }
        )
        self.helper = _helper()
        self.helper.layout = Layout(
            "title",
            "description",
            "goal",
            HTML(
                '<div id="goal-hint" aria-live="polite">{% include "participants/_goal_hint.html"'
                " with goal_hint=form.goal_hint %}</div>"
            ),
            "competences",
            "networks",
            "visibility",
            "status",
            "edit_version",
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("visibility") in (Visibility.FACILITATOR, Visibility.NETWORK) and not (
            cleaned.get("networks")
        ):
            self.add_error("networks", _("Link the question to at least one network to share it."))
        return cleaned

    @property
    def goal_hint(self) -> bool:
        """True when the goal may state a means (a hint, never an error)."""
        if not self.is_bound:
            return goal_states_a_means(self.instance.goal or "")
        goal = getattr(self, "cleaned_data", {}).get("goal", "")
        return goal_states_a_means(goal or "")


class ReflectionForm(Form):
    date = forms.DateField(
        label=_("Date"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(label=_("Reflection"), widget=forms.Textarea(attrs={"rows": 4}))
    meeting = forms.ModelChoiceField(
        label=_("About meeting (optional)"), queryset=Meeting.objects.none(), required=False
    )

    def __init__(self, *args, question: LearningQuestion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(network__in=question.networks.all())
            .select_related("network")
            .order_by("-starts_at")
        )
        self.fields["meeting"].label_from_instance = lambda m: (
            f"{m.network.name}: {m.title} ({timezone.localtime(m.starts_at):%d-%m-%Y})"
        )
        self.helper = _helper()


class ScanSharingMixin:
    """Who may read a scan and through which of the owner's networks: sharing needs at least
    one network (the links of a private scan are cleared by the service)."""

    def _set_up_networks(self, owner: User) -> None:
        self.fields["networks"].queryset = Network.objects.with_role(owner).order_by("name")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("visibility") in (Visibility.FACILITATOR, Visibility.NETWORK) and not (
            cleaned.get("networks")
        ):
            self.add_error(
                "networks",
                _("Choose at least one network to share your BC-Scan with, or choose “Only me”."),
            )
        return cleaned


class BCScanForm(ScanSharingMixin, Form):
    """One required 1-5 answer per statement, plus who may read the result."""

    networks = _my_networks_field()
    visibility = forms.ChoiceField(
        label=_("Who may read the result"),
        choices=Visibility.choices,
        initial=Visibility.PRIVATE,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _("Choose who may read the result: one of the options shown."),
            "required": _("Choose who may read the result."),
        },
    )

    def __init__(self, *args, owner: User, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_up_networks(owner)
        choices = [(str(v), f"{v} – {bcscan.SCALE_LABELS[v]}") for v in bcscan.SCALE]
        for statement in bcscan.STATEMENTS:
            self.fields[statement.key] = forms.TypedChoiceField(
                label=statement.text,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Answer this statement.")},
            )
        # sharing last
        self.fields["networks"] = self.fields.pop("networks")
        self.fields["visibility"] = self.fields.pop("visibility")

    def competence_groups(self):
        """Bound fields grouped by competence, for the template."""
        return [
            {
                "number": number,
                "name": name,
                "fields": [self[s.key] for s in bcscan.statements_for(number)],
            }
            for number, name in bcscan.COMPETENCE_NAMES.items()
        ]

    def answers(self) -> dict[str, int]:
        return {key: self.cleaned_data[key] for key in bcscan.STATEMENT_KEYS}

    @property
    def has_answer_errors(self) -> bool:
        return any(key in self.errors for key in bcscan.STATEMENT_KEYS)


class ScanPlanForm(ScanSharingMixin, Form):
    networks = _my_networks_field()
    visibility = forms.ChoiceField(
        label=_("Who may read the result"), choices=Visibility.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, scan: BCScan, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_up_networks(scan.owner)
        self.fields["visibility"].initial = scan.visibility
        # Links to networks the owner has left are not choices: saving drops them.
        self.fields["networks"].initial = list(scan.networks.values_list("pk", flat=True))
        for number, name in bcscan.COMPETENCE_NAMES.items():
            self.fields[f"plan_{number}"] = forms.CharField(
                label=_("Action plan: %(competence)s") % {"competence": name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=scan.action_plans.get(str(number), ""),
            )
        self.helper = _helper()

    def action_plans(self) -> dict[str, str]:
        return {str(n): self.cleaned_data.get(f"plan_{n}", "") for n in bcscan.COMPETENCE_NAMES}


class LearningRecordForm(Form):
    questions = ModelMultipleChoiceField(
        label=_("Learning questions and reflections to include"),
        queryset=LearningQuestion.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    scans = ModelMultipleChoiceField(
        label=_("BC-Scan results to include"),
        queryset=BCScan.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, owner: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questions"].queryset = LearningQuestion.objects.filter(owner=owner)
        # Her own form: her titles (a question's str() is metadata only, for the admin).
        self.fields["questions"].label_from_instance = lambda question: question.title
        self.fields["scans"].queryset = BCScan.objects.filter(owner=owner)
        self.helper = _helper()


class EraseAccountForm(Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account and personal data will be erased for good."),
    )
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.helper = _helper()

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This password is not correct."))
        return password


class PeopleFilterForm(Form):
    q = forms.CharField(label=_("Name, e-mail or school"), required=False)
    function = forms.ChoiceField(
        label=_("Function"), required=False, choices=[("", _("All"))] + list(Function.choices)
    )
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", _("All"))] + list(Region.choices)
    )
    network = forms.ModelChoiceField(
        label=_("Network"),
        required=False,
        queryset=Network.objects.order_by("name"),
        empty_label=_("All"),
    )
