"""The review form: staff's judgement of every criterion and the decision, in one form."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from leernetwerk.forms import Form

from ..enums import DecisionKind, Verdict
from ..facts import CriterionRow
from .applications import _amount

GRANTED_FIELDS = ("granted_facilitation", "granted_speakers", "granted_organisation")


class ReviewForm(Form):
    """Per criterion `<code>-verdict` and `<code>-motivation`, then the decision fields
    `decision-*`. Saving checks only the judgements; deciding (`decide=True`) also needs a
    decision and its motivation. The services check the rules again (motivations, grant)."""

    def __init__(self, *args, rows: list[CriterionRow], decide: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.decide = decide
        for row in rows:
            judgement = row.judgement
            self.fields[f"{row.code}-verdict"] = forms.ChoiceField(
                label=_("Judgement of %(criterion)s") % {"criterion": row.label},
                required=False,
                choices=[("", _("No judgement yet")), *Verdict.choices],
                initial=judgement.verdict if judgement else "",
            )
            self.fields[f"{row.code}-motivation"] = forms.CharField(
                label=_("Motivation for %(criterion)s") % {"criterion": row.label},
                required=False,
                max_length=5000,
                initial=judgement.motivation if judgement else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields["decision-kind"] = forms.ChoiceField(
            label=_("Decision"),
            required=False,
            choices=DecisionKind.choices,
            widget=forms.RadioSelect,
        )
        self.fields["decision-motivation"] = forms.CharField(
            label=_("Motivation of the decision"),
            required=False,
            max_length=5000,
            help_text=_("The penvoerder reads this motivation."),
            widget=forms.Textarea(attrs={"rows": 3}),
        )
        for field, label in zip(
            GRANTED_FIELDS,
            (
                _("Contribution for facilitation (EUR)"),
                _("Contribution for guest speakers (EUR)"),
                _("Contribution for organisation (EUR)"),
            ),
            strict=True,
        ):
            self.fields[f"decision-{field}"] = _amount(label)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def criterion_fields(self):
        """(row, verdict field, motivation field) per criterion, for the template."""
        return [
            (row, self[f"{row.code}-verdict"], self[f"{row.code}-motivation"]) for row in self.rows
        ]

    def clean(self):
        cleaned = super().clean()
        if self.decide:
            if not cleaned.get("decision-kind"):
                self.add_error("decision-kind", _("Choose a decision."))
            if not (cleaned.get("decision-motivation") or "").strip():
                self.add_error("decision-motivation", _("A decision needs a written motivation."))
            if cleaned.get("decision-kind") == DecisionKind.GRANT:
                for field in GRANTED_FIELDS:
                    name = f"decision-{field}"
                    if cleaned.get(name) is None and name not in self.errors:
                        self.add_error(
                            name, _("Give the contribution for this category (0 if none).")
                        )
        return cleaned

    def judgements(self) -> dict[str, tuple[str, str]]:
        return {
            row.code: (
                self.cleaned_data.get(f"{row.code}-verdict") or "",
                self.cleaned_data.get(f"{row.code}-motivation") or "",
            )
            for row in self.rows
        }

    def decision(self) -> dict | None:
        if not self.decide:
            return None
        return {
            "kind": self.cleaned_data["decision-kind"],
            "motivation": self.cleaned_data["decision-motivation"],
            "granted": {f: self.cleaned_data.get(f"decision-{f}") for f in GRANTED_FIELDS},
        }
