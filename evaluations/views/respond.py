"""Filling in an evaluation through the personal link (no login needed: the link is it).

The respondent can save and come back, and change her answers until the round closes; sending
with questions still open first asks her to confirm."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from leernetwerk.views import ServiceFormView

from .. import services
from ..enums import DONT_KNOW, SCALE_LABELS
from ..forms import ResponseForm
from ..models import Invitation, Response

SAVE, SEND, SEND_ANYWAY = "save", "send", "send-anyway"


def _stored_initial(response: Response | None) -> dict:
    """The form's initial answers from a stored response (empty without one)."""
    if response is None:
        return {}
    initial: dict = {}
    for item_id, value, text, dont_know in response.answers.values_list(
        "item_id", "value", "text", "dont_know"
    ):
        if dont_know:
            initial[f"item_{item_id}"] = DONT_KNOW
        elif value is not None:
            initial[f"item_{item_id}"] = str(value)
        else:
            initial[f"item_{item_id}"] = text
    return initial


class RespondView(ServiceFormView):
    template_name = "evaluations/respond.html"
    form_class = ResponseForm

    def dispatch(self, request, *args, **kwargs):
        self.invitation = (
            Invitation.objects.select_related("round", "round__baseline_round", "network")
            .filter(token=kwargs["token"])
            .first()
        )
        if self.invitation is None:
            # The app's own page in every mode (not Django's debug 404): what to do next.
            return TemplateResponse(request, "evaluations/respond_invalid.html", status=404)
        self.response = services.find_response(self.invitation.token)
        return super().dispatch(request, *args, **kwargs)

    def closed_reason(self) -> str:
        evaluation = self.invitation.round
        today = timezone.localdate()
        if not evaluation.is_open or today > evaluation.closes_on:
            return _("This evaluation is closed; answers can no longer be sent or changed.")
        if today < evaluation.opens_on:
            return _("This evaluation is not open yet.")
        if self.invitation.is_used and self.response is None:
            return _("Your answers have already been sent through this link.")
        return ""

    def get_initial(self):
        return _stored_initial(self.response)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(
            items=self.invitation.round.items.all(),
            scale_labels=SCALE_LABELS,
            response=self.response,
        )
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        questions = form.questions()
        context.update(
            invitation=self.invitation,
            round=self.invitation.round,
            network=self.invitation.network,
            closed_reason=self.closed_reason(),
            questions=questions,
            open_questions=[q for q in questions if q["is_open"]],
            scale_count=sum(1 for q in questions if q["item"].is_scale),
            text_count=sum(1 for q in questions if not q["item"].is_scale),
            is_sent=bool(self.response and self.response.is_sent),
            has_saved=self.response is not None,
        )
        return context

    def post(self, request, *args, **kwargs):
        if self.closed_reason():
            return self.get(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)

    def action(self) -> str:
        return self.request.POST.get("action", SEND)

    def form_valid(self, form):
        if self.action() == SEND and form.open_questions():
            # Ask first: nothing is stored until she confirms (or saves instead).
            return self.render_to_response(self.get_context_data(form=form, confirm_send=True))
        return super().form_valid(form)

    def perform(self, form):
        return services.save_response(
            self.invitation.token,
            answers=form.answers(),
            send=self.action() != SAVE,
            version=form.loaded_version,
        )

    def form_invalid(self, form):
        if not form.has_error(NON_FIELD_ERRORS, code="stale"):
            return super().form_invalid(form)
        # Another device saved in between: show what is stored now, with the message.
        stored = services.find_response(self.invitation.token)
        fresh = ResponseForm(
            items=self.invitation.round.items.all(),
            scale_labels=SCALE_LABELS,
            response=stored,
            initial=_stored_initial(stored),
        )
        return self.render_to_response(
            self.get_context_data(form=fresh, page_error=" ".join(form.non_field_errors()))
        )

    def get_success_message(self, result):
        closes = date_format(self.invitation.round.closes_on, "j F Y")
        if self.action() == SAVE:
            return _(
                "Your answers have been saved, not yet sent. Come back through your "
                "personal link to continue, until %(date)s."
            ) % {"date": closes}
        return _(
            "Thank you. Your answers have been stored without your name. You can change "
            "them through your personal link until %(date)s."
        ) % {"date": closes}

    def get_success_url(self):
        if self.action() == SAVE:
            return self.invitation.get_absolute_url()
        return reverse("evaluations:respond-thanks")


class ThanksView(TemplateView):
    template_name = "evaluations/respond_thanks.html"
