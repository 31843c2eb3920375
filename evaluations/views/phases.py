"""A network's phase (proposed and set), its phase report, and the staff dashboard."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from leernetwerk.pagination import paginate
from leernetwerk.permissions import PermissionOr404Mixin
from leernetwerk.views import ServiceFormView
from networks.enums import Phase
from networks.selectors import latest_rechecks_for_networks
from networks.views.mixins import NetworkFromSlugMixin

from .. import phases, selectors, services
from ..enums import OutcomeKind
from ..forms import PhaseForm


class DashboardView(PermissionOr404Mixin, TemplateView):
    """Every network's phase (proposed and set), its latest report, and criteria flags."""

    permission_required = "evaluations.view_dashboard"
    template_name = "evaluations/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = paginate(self.request, selectors.networks_for_dashboard())
        networks = selectors.attach_latest_reports(list(page["object_list"]))
        rechecks = latest_rechecks_for_networks([network.pk for network in networks])
        for network in networks:
            network.recheck = rechecks.get(network.pk)
        page["object_list"] = networks
        context.update(page, phases=dict(Phase.choices))
        return context


class PhaseView(NetworkFromSlugMixin, ServiceFormView):
    permission_required = "evaluations.view_phase"
    template_name = "evaluations/phase_detail.html"
    form_class = PhaseForm

    def get_initial(self):
        return {"phase": self.network.phase_override}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = selectors.latest_phase_report(self.network)
        facts = selectors.phase_facts(self.network, timezone.localdate())
        context.update(
            network=self.network,
            proposed=phases.propose_phase(facts),
            conditions=phases.sow_conditions(facts),
            report=report,
            phases=dict(Phase.choices),
            outcome_kinds=dict(OutcomeKind.choices),
            can_set=self.request.user.has_perm("evaluations.set_phase", self.network),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("evaluations.set_phase", self.network):
            raise Http404
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        return services.set_phase(
            self.network, by=self.request.user, phase=form.cleaned_data["phase"]
        )

    def get_success_message(self, result):
        return _("The phase has been saved.")

    def get_success_url(self):
        return reverse("evaluations:phase", args=[self.network.slug])


class PhaseComputeView(NetworkFromSlugMixin, TemplateView):
    permission_required = "evaluations.view_phase"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        services.request_phase_report(self.network)
        messages.success(request, _("The phase report is being computed."))
        return redirect("evaluations:phase", slug=self.network.slug)
