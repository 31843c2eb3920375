"""The BC-Scan: take it, see the result with chart and comparison, keep an action plan."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from leernetwerk.pagination import paginate

from .. import bcscan, selectors, services
from ..forms import BCScanForm, ScanPlanForm
from ..models import BCScan
from ..scan_report import scan_result


class ScanListView(LoginRequiredMixin, TemplateView):
    template_name = "participants/scan_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(paginate(self.request, selectors.scans_for_owner(self.request.user)))
        context["competences"] = list(bcscan.COMPETENCE_NAMES.items())
        context["history"] = [
            {"scan": scan, "scores": list(bcscan.competence_scores(scan.answers).values())}
            for scan in context["object_list"]
        ]
        return context


class ScanCreateView(LoginRequiredMixin, FormView):
    template_name = "participants/scan_form.html"
    form_class = BCScanForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "owner": self.request.user}

    def form_invalid(self, form):
        if form.has_answer_errors:
            message = _("Not every statement has been answered: nothing has been saved.")
        else:
            message = _("Your BC-Scan has not been saved: check with whom you share it.")
        messages.error(self.request, message)
        return super().form_invalid(form)

    def form_valid(self, form):
        scan = services.record_scan(
            owner=self.request.user,
            answers=form.answers(),
            visibility=form.cleaned_data["visibility"],
            networks=form.cleaned_data["networks"],
        )
        messages.success(self.request, _("Your BC-Scan has been saved. Add an action plan below."))
        return redirect(scan.get_absolute_url())


class ScanDetailView(LoginRequiredMixin, TemplateView):
    template_name = "participants/scan_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        try:
            scan = selectors.scan_for_viewer(user, self.kwargs["pk"])
        except BCScan.DoesNotExist as exc:
            raise Http404 from exc
        context["scan"] = scan
        context["is_owner"] = scan.owner_id == user.pk
        if context["is_owner"]:
            context["shared_with"] = selectors.scan_reach(scan)
        context.update(scan_result(scan, selectors.earlier_scan(scan, user)))
        return context


class ScanPlanView(LoginRequiredMixin, FormView):
    template_name = "participants/scan_plan_form.html"
    form_class = ScanPlanForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.scan = get_object_or_404(BCScan, pk=kwargs["pk"], owner=request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "scan": self.scan}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "scan": self.scan}

    def form_valid(self, form):
        services.update_scan_plan(
            self.scan,
            by=self.request.user,
            action_plans=form.action_plans(),
            visibility=form.cleaned_data["visibility"],
            networks=form.cleaned_data["networks"],
        )
        messages.success(self.request, _("Your action plan has been saved."))
        return redirect(self.scan.get_absolute_url())


class ScanDeleteView(LoginRequiredMixin, TemplateView):
    template_name = "participants/scan_confirm_delete.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.scan = get_object_or_404(BCScan, pk=kwargs["pk"], owner=request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "scan": self.scan}

    def post(self, request, pk):
        services.delete_scan(self.scan, by=request.user)
        messages.success(request, _("The BC-Scan has been deleted."))
        return redirect("participants:scan-list")
