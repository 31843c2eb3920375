"""AVG: privacy page, my data, download, erasure, audit log, and the learning record PDF."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from leernetwerk.pagination import paginate
from leernetwerk.permissions import PermissionOr404Mixin

from .. import selectors, services
from ..forms import EraseAccountForm, LearningRecordForm
from ..record import build_learning_record


class PrivacyView(TemplateView):
    """Public: what is held, why, who may read it, and the person's rights."""

    template_name = "participants/privacy.html"


class MyDataView(LoginRequiredMixin, TemplateView):
    template_name = "participants/my_data.html"


class DataExportView(LoginRequiredMixin, View):
    """Everything held about the signed-in person, as a JSON download (audited)."""

    def get(self, request):
        data = services.export_person_data(request.user, by=request.user)
        response = JsonResponse(
            data, encoder=DjangoJSONEncoder, json_dumps_params={"ensure_ascii": False, "indent": 2}
        )
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="mijn-gegevens-{stamp}.json"'
        return response


class EraseAccountView(LoginRequiredMixin, FormView):
    template_name = "participants/erase_account.html"
    form_class = EraseAccountForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        person = self.request.user
        services.erase_account(person, by=person)
        logout(self.request)
        messages.success(self.request, _("Your account and personal data have been erased."))
        return redirect("home")


class AuditLogView(PermissionOr404Mixin, TemplateView):
    permission_required = "participants.view_people"  # academy staff
    template_name = "participants/audit_log.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(paginate(self.request, selectors.audit_entries(), per_page=50))
        return context


class LearningRecordView(LoginRequiredMixin, FormView):
    """The owner chooses what to include and downloads the PDF (only their own data)."""

    template_name = "participants/learning_record_form.html"
    form_class = LearningRecordForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "owner": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["attendances"] = list(selectors.attended_meetings(self.request.user))
        return context

    def form_valid(self, form):
        pdf = build_learning_record(
            self.request.user,
            questions=list(form.cleaned_data["questions"]),
            scans=list(form.cleaned_data["scans"]),
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="leerdossier-{stamp}.pdf"'
        return response
