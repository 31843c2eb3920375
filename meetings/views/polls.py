"""Date polls (prikken): propose dates, answer, see the table, choose, remind."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, View

from leernetwerk.throttle import THROTTLED_MESSAGE, mail_throttled

from .. import selectors, services
from ..forms import DatePollForm, PollAnswerForm
from ..models import DatePoll
from .base import NetworkMixin, ObjectPermissionMixin, apply_validation_error


class PollMixin(ObjectPermissionMixin):
    def get_permission_object(self):
        self.poll = get_object_or_404(
            DatePoll.objects.visible_to(self.request.user).select_related("network", "meeting"),
            pk=self.kwargs["pk"],
        )
        self.network = self.poll.network
        return self.poll

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(poll=self.poll, network=self.network)
        return context


class PollCreateView(NetworkMixin, FormView):
    permission_required = "meetings.add_datepoll"
    template_name = "meetings/poll_form.html"
    form_class = DatePollForm

    def get_initial(self):
        return {"title": selectors.suggested_theme(self.network) or self.network.name}

    def form_valid(self, form):
        try:
            poll = services.create_date_poll(
                self.network,
                by=self.request.user,
                title=form.cleaned_data["title"],
                options=form.cleaned_data["options"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The date poll is open for the members."))
        return redirect(poll)


class PollDetailView(PollMixin, FormView):
    """Members answer each date; organisers (and staff) see the table with totals."""

    permission_required = "meetings.view_datepoll"
    template_name = "meetings/poll_detail.html"
    form_class = PollAnswerForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["options"] = list(self.poll.options.all())
        kwargs["current"] = selectors.my_poll_answers(self.poll, self.request.user)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_answer"] = (
            user.has_perm("meetings.answer_datepoll", self.poll) and not self.poll.is_closed
        )
        context["can_manage"] = user.has_perm("meetings.manage_datepoll", self.poll)
        if context["can_manage"] or user.is_academy_staff:
            table = selectors.poll_table(self.poll)
            context["table"] = table
            context["tally_rows"] = list(zip(table.options, table.tallies, strict=True))
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("meetings.answer_datepoll", self.poll):
            from django.http import Http404

            raise Http404
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.answer_date_poll(self.poll, person=self.request.user, answers=form.answers())
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Thank you, your answers are saved."))
        return redirect(self.poll)


class PollChooseView(PollMixin, View):
    permission_required = "meetings.manage_datepoll"

    def post(self, request, *args, **kwargs):
        option = get_object_or_404(self.poll.options, pk=kwargs["option_pk"])
        try:
            meeting = services.choose_poll_option(self.poll, option, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(self.poll)
        messages.success(
            request, _("The meeting is scheduled on the chosen date; complete it here.")
        )
        return redirect("meetings:meeting-update", pk=meeting.pk)


class PollRemindView(PollMixin, View):
    permission_required = "meetings.manage_datepoll"

    def post(self, request, *args, **kwargs):
        if mail_throttled(request, group="poll-reminder", address=f"poll:{self.poll.pk}"):
            messages.error(request, THROTTLED_MESSAGE)
            return redirect(self.poll)
        count = services.remind_poll_non_respondents(self.poll, by=request.user)
        if count:
            messages.success(
                request,
                ngettext(
                    "A reminder goes to %(count)d member who has not answered.",
                    "A reminder goes to %(count)d members who have not answered.",
                    count,
                )
                % {"count": count},
            )
        else:
            messages.info(request, _("Everybody has answered; no reminder needed."))
        return redirect(self.poll)
