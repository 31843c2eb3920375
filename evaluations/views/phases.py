"""A network's phase (proposed and set), its phase report, and the staff dashboard."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from networks.enums import Phase
from networks.selectors import recheck_flags_for_networks

from .. import selectors, services
from ..enums import OutcomeKind
from ..forms import PhaseForm
from .base import NetworkMixin, PermissionOr404Mixin, paginate


class DashboardView(PermissionOr404Mixin, TemplateView):
    """Every network's phase (proposed and set), its latest report, and criteria flags."""

    permission_required = "evaluations.view_dashboard"
    template_name = "evaluations/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = paginate(self.request, selectors.networks_for_dashboard())
        networks = selectors.attach_latest_reports(list(page["object_list"]))
        flags = recheck_flags_for_networks([network.pk for network in networks])
        for network in networks:
            network.recheck_flag = flags.get(network.pk)
        page["object_list"] = networks
        context.update(page, phases=dict(Phase.choices))
        return context


class PhaseView(NetworkMixin, FormView):
    permission_required = "evaluations.view_phase"
    template_name = "evaluations/phase_detail.html"
    form_class = PhaseForm

    def get_initial(self):
        return {"phase": self.network.phase_override}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = selectors.latest_phase_report(self.network)
        facts = selectors.phase_facts(self.network, timezone.localdate())
        from .. import phases

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
            from django.http import Http404

            raise Http404
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.set_phase(self.network, by=self.request.user, phase=form.cleaned_data["phase"])
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The phase has been saved."))
        return redirect("evaluations:phase", slug=self.network.slug)


class PhaseComputeView(NetworkMixin, TemplateView):
    permission_required = "evaluations.view_phase"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        services.request_phase_report(self.network)
        messages.success(request, _("The phase report is being computed."))
        return redirect("evaluations:phase", slug=self.network.slug)
