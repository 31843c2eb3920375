from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from leernetwerk.concurrency import EditVersionMixin
from leernetwerk.forms import Form, ModelForm, ModelMultipleChoiceField, UploadField
from networks.enums import Phase
from networks.models import Network

from .enums import DONT_KNOW, ItemKind, OutcomeVisibility, RoundKind, ValueCycle
from .models import EvaluationRound, Item, LearningForm, Outcome, Response, ValueStory


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


class DateInput(forms.DateInput):
    input_type = "date"


class RoundForm(Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=RoundKind.choices)
    opens_on = forms.DateField(label=_("Opens on"), widget=DateInput)
    closes_on = forms.DateField(label=_("Closes on"), widget=DateInput)
    networks = ModelMultipleChoiceField(
        label=_("Networks"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    use_template = forms.BooleanField(
        label=_("Use the standard questionnaire (the items of the 2014 baseline)"),
        required=False,
        initial=True,
    )
    extra_questions = forms.CharField(
        label=_("Extra questions (one per line, on the 5-point scale)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    baseline_round = forms.ModelChoiceField(
        label=_("Linked to the baseline (nulmeting)"),
        queryset=None,
        required=False,
        empty_label=_("Not linked"),
        help_text=_(
            "Pairs each respondent's answers with her answers in that nulmeting through a "
            "pseudonym, so the report shows how much the same people changed. Respondents are "
            "told so before answering."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["networks"].queryset = Network.objects.order_by("name")
        self.fields["baseline_round"].queryset = EvaluationRound.objects.filter(
            kind=RoundKind.BASELINE
        ).order_by("-opens_on", "-pk")
        self.helper = _helper()

    def clean(self):
        data = super().clean()
        if data.get("baseline_round") and data.get("kind") == RoundKind.BASELINE:
            self.add_error(
                "baseline_round", _("A nulmeting is itself the baseline; it links to no round.")
            )
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("The closing date cannot be before the opening date."))
        questions = [q for q in (data.get("extra_questions") or "").splitlines() if q.strip()]
        limit = Item._meta.get_field("text").max_length
        too_long = [n for n, q in enumerate(questions, start=1) if len(q.strip()) > limit]
        if too_long:
            self.add_error(
                "extra_questions",
                _("Question %(number)s is longer than %(limit)s characters.")
                % {"number": too_long[0], "limit": limit},
            )
        if not data.get("use_template") and not questions:
            self.add_error("use_template", _("A round needs at least one question."))
        data["extra_question_list"] = questions
        return data


class ShareItemsForm(Form):
    """Which scale items' results the members of the round's networks see."""

    items = forms.ModelMultipleChoiceField(
        label=_("Questions whose results the network's members see"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Each network sees its own figures, as a chart with the numbers beside it; a "
            "result of fewer than 5 respondents stays hidden."
        ),
    )

    def __init__(self, *args, evaluation, **kwargs):
        super().__init__(*args, **kwargs)
        scale = evaluation.items.filter(kind=ItemKind.SCALE).order_by("position")
        self.fields["items"].queryset = scale
        self.fields["items"].initial = [item.pk for item in scale if item.shared_with_network]
        self.helper = _helper()


class ItemForm(Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices)
    text = forms.CharField(label=_("Question"), max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class ResponseForm(EditVersionMixin, Form):
    """The questionnaire: per scale item a 1-5 radio group plus "don't know / n/a", per open
    item a text box. Given the stored `response`, it carries that response's version as
    loaded (`loaded_version`; None: loaded before anything was saved)."""

    def __init__(self, *args, items, scale_labels, response: Response | None = None, **kwargs):
        self.response = response
        super().__init__(*args, **kwargs)
        self.items = list(items)
        choices = [(str(value), f"{value} – {label}") for value, label in scale_labels.items()]
        choices.append((DONT_KNOW, _("Don't know / not applicable")))
        for item in self.items:
            if item.is_scale:
                self.fields[f"item_{item.pk}"] = forms.ChoiceField(
                    label=item.text,
                    choices=choices,
                    required=False,
                    widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                    error_messages={
                        "invalid_choice": _("Choose a value from 1 to 5 or “don't know”.")
                    },
                )
            else:
                self.fields[f"item_{item.pk}"] = forms.CharField(
                    label=item.text,
                    required=False,
                    max_length=5000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    help_text=_("Optional. Do not write names: answers are shown to the group."),
                )

    def version_object(self) -> Response | None:
        return self.response

    def answers(self) -> dict:
        return {item.pk: self.cleaned_data.get(f"item_{item.pk}") for item in self.items}

    def questions(self) -> list[dict]:
        """Per question its bound field and whether it is still open (a scale item without
        an answer; open questions are optional), for the template."""
        rows = []
        for number, item in enumerate(self.items, start=1):
            field = self[f"item_{item.pk}"]
            value = field.value()
            rows.append(
                {
                    "number": number,
                    "item": item,
                    "field": field,
                    "is_open": item.is_scale and value in (None, ""),
                }
            )
        return rows

    def open_questions(self) -> list[dict]:
        return [row for row in self.questions() if row["is_open"]]


class SurveyForm(Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    forms_list = forms.CharField(
        label=_("Learning forms (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_forms_list(self):
        """Each line becomes a learning form: none may be longer than its name can be."""
        value = self.cleaned_data["forms_list"]
        validator = MaxLengthValidator(LearningForm._meta.get_field("name").max_length)
        for line in value.splitlines():
            validator(line.strip())
        return value


class LearningFormForm(Form):
    name = forms.CharField(label=_("Learning form"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class BallotForm(Form):
    respondent = forms.CharField(
        label=_("Respondent"),
        max_length=100,
        help_text=_("A number or code, not a name."),
    )

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = LearningForm.objects.filter(survey=survey).order_by("name")
        labels = {
            1: _("First choice (3 points)"),
            2: _("Second choice (2 points)"),
            3: _("Third choice (1 point)"),
        }
        for place in (1, 2, 3):
            self.fields[f"choice_{place}"] = forms.ModelChoiceField(
                label=labels[place],
                queryset=queryset,
                required=False,
            )
            self.fields[f"other_{place}"] = forms.CharField(
                label=_("or other, namely"),
                max_length=200,
                required=False,
            )
        self.helper = _helper()

    def choices(self) -> list:
        return [
            (self.cleaned_data.get(f"choice_{p}"), self.cleaned_data.get(f"other_{p}") or "")
            for p in (1, 2, 3)
        ]


class BallotFileForm(Form):
    file = UploadField(
        extensions=("csv",),
        type_message=_("Choose a .csv file."),
        label=_("Ballot file (CSV)"),
        help_text=_(
            "First line: respondent,choice_1,choice_2,choice_3. Choices 2 and 3 may "
            "be empty. Every form must be on the list."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class MergeForm(Form):
    other_text = forms.ChoiceField(label=_("Other answer"))
    form = forms.ModelChoiceField(label=_("Count as learning form"), queryset=None)

    def __init__(self, *args, survey, other_answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other_text"].choices = [
            (text, f"{text} ({count})") for text, count in other_answers
        ]
        self.fields["form"].queryset = LearningForm.objects.filter(survey=survey)
        self.helper = _helper()


class PhaseForm(Form):
    phase = forms.ChoiceField(
        label=_("Phase set by the facilitator"),
        choices=[("", _("Follow the proposal"))] + list(Phase.choices),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class OutcomeForm(EditVersionMixin, ModelForm):
    class Meta:
        model = Outcome
        fields = ["kind", "description", "visibility"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class ValueStoryForm(EditVersionMixin, Form):
    """A value-creation story: title, readers and one text per value cycle. Given `story`,
    the form edits it (its current text as initial values, its version carried along)."""

    title = forms.CharField(label=_("Title"), max_length=200)
    visibility = forms.ChoiceField(label=_("Who may read this"), choices=OutcomeVisibility.choices)

    def __init__(self, *args, story: ValueStory | None = None, **kwargs):
        self.story = story
        if story is not None:
            initial = {"title": story.title, "visibility": story.visibility}
            initial.update({step.cycle: step.text for step in story.steps.all()})
            kwargs["initial"] = {**initial, **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        for cycle, label in ValueCycle.choices:
            self.fields[cycle] = forms.CharField(
                label=label, required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
        self.helper = _helper()

    def version_object(self) -> ValueStory | None:
        return self.story

    def clean(self):
        data = super().clean()
        if not any((data.get(cycle) or "").strip() for cycle in ValueCycle.values):
            self.add_error(ValueCycle.IMMEDIATE, _("Describe at least one value cycle."))
        return data

    def steps(self) -> dict:
        return {cycle: self.cleaned_data.get(cycle, "") for cycle in ValueCycle.values}
