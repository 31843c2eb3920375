"""A learning question and a reflection on it."""

from __future__ import annotations

from crispy_forms.layout import HTML, Layout
from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leernetwerk.concurrency import EditVersionMixin
from leernetwerk.forms import Form, ModelForm, ModelMultipleChoiceField
from meetings.models import Meeting
from networks.models import Competence, Network

from ..enums import Visibility
from ..models import LearningQuestion, User
from ..services import goal_states_a_means
from .fields import _helper, _my_networks_field


class LearningQuestionForm(EditVersionMixin, ModelForm):
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
