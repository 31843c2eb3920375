"""Filling in an evaluation through the personal link (no login needed: the link is it).

The respondent can save and come back, and change her answers until the round closes; sending
with questions still open first asks her to confirm."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from .. import services
from ..enums import DONT_KNOW, SCALE_LABELS
from ..forms import ResponseForm
from ..models import Invitation, Response

SAVE, SEND, SEND_ANYWAY = "save", "send", "send-anyway"


def _stored_initial(response: Response | None) -> dict:
    """The form's initial values from a stored response (empty without one)."""
    if response is None:
        return {}
    initial: dict = {"version": response.version}
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


class RespondView(FormView):
    template_name = "evaluations/respond.html"
    form_class = ResponseForm

    def dispatch(self, request, *args, **kwargs):
        self.invitation = get_object_or_404(
            Invitation.objects.select_related("round", "network"), token=kwargs["token"]
        )
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
        kwargs.update(items=self.invitation.round.items.all(), scale_labels=SCALE_LABELS)
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
            is_sent=bool(self.response and self.response.is_sent),
            has_saved=self.response is not None,
        )
        return context

    def post(self, request, *args, **kwargs):
        if self.closed_reason():
            return self.get(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        action = self.request.POST.get("action", SEND)
        if action == SEND and form.open_questions():
            # Ask first: nothing is stored until she confirms (or saves instead).
            return self.render_to_response(self.get_context_data(form=form, confirm_send=True))
        try:
            services.save_response(
                self.invitation.token,
                answers=form.answers(),
                send=action != SAVE,
                version=form.cleaned_data.get("version"),
            )
        except ValidationError as error:
            if error.code == "stale":
                # Show what is stored now (the other device's answers), with the message.
                fresh = ResponseForm(
                    items=self.invitation.round.items.all(),
                    scale_labels=SCALE_LABELS,
                    initial=_stored_initial(services.find_response(self.invitation.token)),
                )
                return self.render_to_response(
                    self.get_context_data(form=fresh, page_error=" ".join(error.messages))
                )
            form.add_error(None, error)
            return self.form_invalid(form)
        closes = self.invitation.round.closes_on
        if action == SAVE:
            messages.success(
                self.request,
                _(
                    "Your answers have been saved, not yet sent. Come back through your "
                    "personal link to continue, until %(date)s."
                )
                % {"date": date_format(closes, "j F Y")},
            )
            return redirect(self.invitation.get_absolute_url())
        messages.success(
            self.request,
            _(
                "Thank you. Your answers have been stored without your name. You can change "
                "them through your personal link until %(date)s."
            )
            % {"date": date_format(closes, "j F Y")},
        )
        return redirect("evaluations:respond-thanks")


class ThanksView(TemplateView):
    template_name = "evaluations/respond_thanks.html"
