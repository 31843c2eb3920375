"""Staff pages for evaluation rounds: list, open, detail with live response rate, close."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from leernetwerk.pagination import paginate
from leernetwerk.permissions import PermissionOr404Mixin
from leernetwerk.views import ServiceFormView, call_service
from networks.views.mixins import NetworkFromSlugMixin

from .. import selectors, services
from ..forms import ItemForm, RoundForm, ShareItemsForm
from ..models import EvaluationRound


class RoundListView(PermissionOr404Mixin, TemplateView):
    permission_required = "evaluations.manage_rounds"
    template_name = "evaluations/round_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(paginate(self.request, selectors.rounds_for_staff()))
        return context


class RoundCreateView(PermissionOr404Mixin, ServiceFormView):
    permission_required = "evaluations.manage_rounds"
    template_name = "evaluations/round_form.html"
    form_class = RoundForm

    def perform(self, form):
        data = form.cleaned_data
        return services.open_round(
            by=self.request.user,
            title=data["title"],
            kind=data["kind"],
            opens_on=data["opens_on"],
            closes_on=data["closes_on"],
            networks=data["networks"],
            use_template=data["use_template"],
            extra_questions=data["extra_question_list"],
            baseline_round=data.get("baseline_round"),
        )

    def get_success_message(self, result):
        return _("The round is open. %(count)s members get their personal link by e-mail.") % {
            "count": result.invitations.count()
        }

    def get_success_url(self):
        return self.result.get_absolute_url()


class RoundMixin(PermissionOr404Mixin):
    permission_required = "evaluations.manage_rounds"

    def get_round(self) -> EvaluationRound:
        if not hasattr(self, "round"):
            self.round = get_object_or_404(
                EvaluationRound.objects.select_related("baseline_round"), pk=self.kwargs["pk"]
            )
        return self.round


class RoundDetailView(RoundMixin, TemplateView):
    template_name = "evaluations/round_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        evaluation = self.get_round()
        context.update(
            round=evaluation,
            items=list(evaluation.items.all()),
            rates=selectors.response_rates(evaluation),
            network_results=selectors.network_reports_for(evaluation),
            has_responses=evaluation.responses.exists(),
        )
        return context


class ResponseRateView(RoundMixin, TemplateView):
    """The live response figures, polled by htmx on the round page."""

    template_name = "evaluations/_response_rate.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(round=self.get_round(), rates=selectors.response_rates(self.get_round()))
        return context


class ItemCreateView(RoundMixin, ServiceFormView):
    template_name = "evaluations/item_form.html"
    form_class = ItemForm

    def get_success_message(self, result):
        return _("The question has been added.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(round=self.get_round(), **kwargs)

    def perform(self, form):
        return services.add_item(
            self.get_round(),
            by=self.request.user,
            kind=form.cleaned_data["kind"],
            text=form.cleaned_data["text"],
        )

    def get_success_url(self):
        return self.get_round().get_absolute_url()


class RoundCloseView(RoundMixin, TemplateView):
    """GET asks for confirmation; POST closes the round and starts the computation."""

    template_name = "evaluations/round_close.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(round=self.get_round(), **kwargs)

    def post(self, request, *args, **kwargs):
        if call_service(request, services.close_round, self.get_round(), by=request.user).ok:
            messages.success(request, _("The round is closed. The scores are being computed."))
        return redirect(self.get_round())


class RoundComputeView(RoundMixin, TemplateView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        round_ = self.get_round()
        if call_service(request, services.request_round_scores, round_, by=request.user).ok:
            messages.success(request, _("The scores are being computed."))
        return redirect(round_)


class RoundRemindView(RoundMixin, TemplateView):
    """POST: remind everyone who has not answered (at most once a day)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if call_service(request, services.request_reminders, self.get_round(), by=request.user).ok:
            messages.success(
                request,
                _("A reminder goes out to everyone who has not answered yet."),
            )
        return redirect(self.get_round())


class NetworkResponseRateView(NetworkFromSlugMixin, TemplateView):
    """The network's live response to its open rounds (facilitators, staff), polled by htmx
    on the network page."""

    permission_required = "evaluations.view_response_rate"
    template_name = "evaluations/_network_response.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        network = self.get_permission_object()
        context.update(network=network, live_rates=selectors.network_response_rates(network))
        return context


class RoundPublishView(RoundMixin, TemplateView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        publish = request.POST.get("publish") == "1"
        services.publish_round(self.get_round(), by=request.user, published=publish)
        if publish:
            messages.success(request, _("Members can now read their network's report."))
        else:
            messages.success(request, _("The report is no longer visible to members."))
        return redirect(reverse("evaluations:round-detail", kwargs={"pk": self.get_round().pk}))


class RoundShareView(RoundMixin, ServiceFormView):
    """Staff choose, after close, which items' results the networks' members see."""

    template_name = "evaluations/round_share.html"
    form_class = ShareItemsForm

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"evaluation": self.get_round()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(round=self.get_round(), **kwargs)

    def perform(self, form):
        return services.share_item_results(
            self.get_round(),
            by=self.request.user,
            item_ids=[item.pk for item in form.cleaned_data["items"]],
        )

    def get_success_message(self, result):
        if not result:
            return _("Members no longer see results of this round on their network page.")
        return _(
            "The members of each network now see their results of %(count)s questions on "
            "their network page."
        ) % {"count": result}

    def get_success_url(self):
        return self.get_round().get_absolute_url()
