"""Attendance: one screen per meeting for the organiser (everyone present in one click,
then the exceptions); rates per member and network; the export as CSV or Excel."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from leernetwerk.exports import csv_response, xlsx_response
from leernetwerk.views import ServiceFormView, call_service
from networks.views.mixins import NetworkFromSlugMixin

from .. import selectors, services
from ..forms import AttendanceForm
from .base import MeetingMixin


def _started(meeting) -> bool:
    return meeting.starts_at <= timezone.now()


class AttendanceView(MeetingMixin, ServiceFormView):
    meeting_only = True
    permission_required = "meetings.record_attendance"
    template_name = "meetings/attendance_form.html"
    form_class = AttendanceForm
    success_message = gettext_lazy("Attendance is recorded.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["rows"] = selectors.attendance_sheet(self.meeting)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_register"] = _started(self.meeting) and not self.meeting.is_cancelled
        return context

    def perform(self, form):
        return services.record_attendance(
            self.meeting, by=self.request.user, statuses=form.statuses(), shown=form.shown()
        )

    def get_success_url(self):
        return self.meeting.get_absolute_url()


class AttendanceEveryoneView(MeetingMixin, View):
    """The one click: everyone present (who apologised: so registered); then exceptions."""

    meeting_only = True
    permission_required = "meetings.record_attendance"

    def post(self, request, *args, **kwargs):
        call = call_service(request, services.mark_everyone_present, self.meeting, by=request.user)
        if not call.ok:
            return redirect("meetings:attendance", pk=self.meeting.pk)
        if call.result:
            messages.success(
                request,
                _(
                    "Everyone is registered present; who apologised in advance is so registered. "
                    "Change the exceptions below."
                ),
            )
        else:
            messages.info(request, _("Everyone was registered already."))
        return redirect("meetings:attendance", pk=self.meeting.pk)


class AttendanceRatesView(NetworkFromSlugMixin, TemplateView):
    only_visible = True
    permission_required = "meetings.view_attendance_rates"
    template_name = "meetings/attendance_rates.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows, overall, meeting_count = selectors.attendance_rates(self.network)
        context.update(rows=rows, overall=overall, meeting_count=meeting_count)
        return context


def _percentage(value) -> str:
    return "" if value is None else f"{value}%"


class AttendanceExportView(NetworkFromSlugMixin, View):
    """Every registration and the rates per member, as CSV (`.csv`) or Excel (`.xlsx`)."""

    only_visible = True

    permission_required = "meetings.view_attendance_rates"
    file_format = "csv"

    def get(self, request, *args, **kwargs):
        header = [_("Date"), _("Meeting"), _("Member"), _("E-mail address"), _("Attendance")]
        registrations = [
            [
                formats.date_format(timezone.localtime(a.meeting.starts_at), "Y-m-d H:i"),
                a.meeting.title,
                a.person.full_name or a.person.email,
                a.person.email,
                a.get_status_display(),
            ]
            for a in selectors.attendance_registrations(self.network)
        ]
        name = f"aanwezigheid-{self.network.slug}"
        if self.file_format == "csv":
            return csv_response(f"{name}.csv", registrations, header=header)
        rows, _overall, _count = selectors.attendance_rates(self.network)
        rate_header = [
            _("Member"),
            _("Present"),
            _("Late"),
            _("Apologised in advance"),
            _("Absent without notice"),
            _("Attendance rate"),
            _("Apologised"),
        ]
        rates = [
            [
                row.person.full_name or row.person.email,
                row.rate.present,
                row.rate.late,
                row.rate.excused,
                row.rate.absent,
                _percentage(row.rate.percentage),
                _percentage(row.rate.excused_percentage),
            ]
            for row in rows
        ]
        return xlsx_response(
            f"{name}.xlsx",
            [(_("Attendance"), header, registrations), (_("Rates"), rate_header, rates)],
        )
