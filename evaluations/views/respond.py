"""Filling in an evaluation through the personal link (no login needed: the link is it)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from .. import services
from ..enums import SCALE_LABELS
from ..forms import ResponseForm
from ..models import Invitation


class RespondView(FormView):
    template_name = "evaluations/respond.html"
    form_class = ResponseForm

    def dispatch(self, request, *args, **kwargs):
        self.invitation = get_object_or_404(
            Invitation.objects.select_related("round", "network"), token=kwargs["token"]
        )
        return super().dispatch(request, *args, **kwargs)

    def closed_reason(self) -> str:
        evaluation = self.invitation.round
        today = timezone.localdate()
        if self.invitation.is_used:
            return _("This link has already been used. Each link works once.")
        if not evaluation.is_open or today > evaluation.closes_on:
            return _("This evaluation is closed.")
        if today < evaluation.opens_on:
            return _("This evaluation is not open yet.")
        return ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(items=self.invitation.round.items.all(), scale_labels=SCALE_LABELS)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            invitation=self.invitation,
            round=self.invitation.round,
            network=self.invitation.network,
            closed_reason=self.closed_reason(),
        )
        return context

    def form_valid(self, form):
        try:
            services.submit_response(self.invitation.token, answers=form.answers())
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Thank you. Your answers have been stored without your name.")
        )
        return redirect("evaluations:respond-thanks")


class ThanksView(TemplateView):
    template_name = "evaluations/respond_thanks.html"
