"""The BC-Scan: answering its statements, and the action plan with who may read it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from leernetwerk.forms import Form
from networks.models import Network

from .. import bcscan
from ..enums import Visibility
from ..models import BCScan, User
from .fields import _helper, _my_networks_field


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
