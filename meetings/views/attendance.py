"""Attendance: one screen per meeting for the organiser; rates per member and network."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from .. import selectors, services
from ..forms import AttendanceForm
from .base import MeetingMixin, NetworkMixin, apply_validation_error


class AttendanceView(MeetingMixin, FormView):
    permission_required = "meetings.record_attendance"
    template_name = "meetings/attendance_form.html"
    form_class = AttendanceForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["rows"] = selectors.attendance_sheet(self.meeting)
        return kwargs

    def form_valid(self, form):
        try:
            services.record_attendance(
                self.meeting, by=self.request.user, statuses=form.statuses(), shown=form.shown()
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Attendance is recorded."))
        return redirect(self.meeting)


class AttendanceRatesView(NetworkMixin, TemplateView):
    permission_required = "meetings.view_attendance_rates"
    template_name = "meetings/attendance_rates.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows, overall, meeting_count = selectors.attendance_rates(self.network)
        context.update(rows=rows, overall=overall, meeting_count=meeting_count)
        return context
