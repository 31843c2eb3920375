"""Date polls (prikken): propose dates, answer, see everyone's answers, choose, remind."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import View

from leernetwerk.permissions import PermissionOr404Mixin
from leernetwerk.throttle import THROTTLED_MESSAGE, mail_throttled
from leernetwerk.views import ServiceFormView
from networks.views.mixins import NetworkFromSlugMixin

from .. import selectors, services
from ..forms import DatePollForm, MeetingForm, PollAnswerForm
from ..forms.polls import MAX_OPTIONS, rows_in, without_row
from ..models import DatePoll


class PollMixin(PermissionOr404Mixin):
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


class PollCreateView(NetworkFromSlugMixin, ServiceFormView):
    """Title, any number of candidate dates ("Add a date" adds a row, also without
    JavaScript) and an optional deadline; opening it tells the members."""

    only_visible = True

    permission_required = "meetings.add_datepoll"
    template_name = "meetings/poll_form.html"
    form_class = DatePollForm
    success_message = gettext_lazy("The date poll is open; the members are told.")

    def get_initial(self):
        return {"title": selectors.new_meeting_details(self.network)[0]["title"]}

    def post(self, request, *args, **kwargs):
        if "add_row" in request.POST:
            # Not a submission: show the same entries with one row more, focused.
            rows = min(rows_in(request.POST) + 1, MAX_OPTIONS)
            form = DatePollForm(rows=rows, initial=request.POST.dict())
            return self.render_to_response(self.get_context_data(form=form, focus_row=rows))
        if "remove_row" in request.POST:
            # Not a submission either: the same entries without that row; the keyboard
            # goes to the row that took its place (or the new last one).
            try:
                number = int(request.POST["remove_row"])
            except ValueError:
                number = 0
            data = without_row(request.POST, number)
            rows = int(data["rows"])
            form = DatePollForm(rows=rows, initial=data)
            focus = min(max(number, 1), rows)
            return self.render_to_response(self.get_context_data(form=form, focus_row=focus))
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        return services.create_date_poll(
            self.network,
            by=self.request.user,
            title=form.cleaned_data["title"],
            options=form.cleaned_data["options"],
            deadline=form.cleaned_data["deadline"],
        )

    def get_success_url(self):
        return self.result.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["max_options"] = MAX_OPTIONS
        return context


class PollDetailView(PollMixin, ServiceFormView):
    """Members answer each date (one radio group per date) and see everyone's answers and
    the best date; organisers choose the date and remind; staff see the totals only."""

    permission_required = "meetings.view_datepoll"
    template_name = "meetings/poll_detail.html"
    form_class = PollAnswerForm
    success_message = gettext_lazy("Thank you, your answers are saved.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["options"] = selectors.poll_options(self.poll)
        kwargs["current"] = selectors.my_poll_answers(self.poll, self.request.user)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_answer"] = (
            user.has_perm("meetings.answer_datepoll", self.poll) and self.poll.accepts_answers
        )
        context["can_manage"] = user.has_perm("meetings.manage_datepoll", self.poll)
        context["can_see_names"] = rules.test_rule("meetings.see_datepoll_answers", user, self.poll)
        context["table"] = selectors.poll_table(self.poll)
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("meetings.answer_datepoll", self.poll):
            raise Http404
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        services.answer_date_poll(self.poll, person=self.request.user, answers=form.answers())

    def get_success_url(self):
        return self.poll.get_absolute_url()


class PollChooseView(PollMixin, ServiceFormView):
    """Choosing a date opens the meeting form filled from the poll; saving it schedules the
    meeting with its details and closes the poll: the members get ONE invitation."""

    permission_required = "meetings.manage_datepoll"
    template_name = "meetings/meeting_form.html"
    form_class = MeetingForm
    success_message = gettext_lazy("The meeting is scheduled and the members are invited.")

    def get_option(self):
        return get_object_or_404(self.poll.options, pk=self.kwargs["option_pk"])

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(network=self.poll.network, is_new=True)
        return kwargs

    def get_initial(self):
        option = self.get_option()
        return {
            "title": self.poll.title,
            "theme": selectors.new_meeting_details(self.poll.network)[0]["theme"],
            "form": self.poll.network.meeting_form,
            "starts_at": option.starts_at,
            "ends_at": option.ends_at,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(network=self.poll.network, heading=_("Schedule the chosen date"))
        return context

    def perform(self, form):
        return services.choose_poll_option(
            self.poll,
            self.get_option(),
            by=self.request.user,
            data=form.meeting_data(),
            preparation_group=form.cleaned_data["preparation_group"],
        )

    def get_success_url(self):
        return self.result.get_absolute_url()


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
