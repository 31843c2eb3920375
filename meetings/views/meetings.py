"""Meeting pages: list, schedule, year planner, detail, edit, copy, cancel, prepare."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import ListView, TemplateView

from leernetwerk.views import ServiceFormView
from networks.views.mixins import NetworkFromSlugMixin

from .. import planner, selectors, services
from ..forms import (
    CaseForm,
    MeetingForm,
    NextThemeForm,
    PlannerConfirmForm,
    PlannerForm,
    ResponseForm,
)
from ..models import Meeting
from .base import MeetingMixin


class MeetingListView(LoginRequiredMixin, ListView):
    """My meetings: upcoming (default) or past, of every network I may see."""

    template_name = "meetings/meeting_list.html"
    context_object_name = "meetings"
    paginate_by = 20

    def get_queryset(self):
        queryset = selectors.meetings_for_person(self.request.user)
        if self.request.GET.get("wanneer") == "voorbij":
            return queryset.past()
        return queryset.not_ended()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["showing_past"] = self.request.GET.get("wanneer") == "voorbij"
        context["query_string"] = "wanneer=voorbij" if context["showing_past"] else ""
        context["open_polls"] = selectors.open_polls_for_person(self.request.user)
        return context


class NetworkMeetingsView(NetworkFromSlugMixin, TemplateView):
    """All meetings of one network, its polls and links to planning and attendance."""

    only_visible = True
    permission_required = "meetings.view_meeting"
    template_name = "meetings/network_meetings.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meetings = Meeting.objects.filter(network=self.network)
        context.update(
            upcoming=list(meetings.not_ended()),
            past=list(meetings.past()),
            polls=selectors.polls_for_network(self.network),
        )
        return context


class MeetingCreateView(NetworkFromSlugMixin, ServiceFormView):
    only_visible = True
    permission_required = "meetings.add_meeting"
    template_name = "meetings/meeting_form.html"
    form_class = MeetingForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(network=self.network, is_new=True)
        return kwargs

    def get_initial(self):
        return {
            **selectors.new_meeting_details(self.network)[0],
            "form": self.network.meeting_form,
        }

    def perform(self, form):
        return services.schedule_meeting(
            self.network,
            by=self.request.user,
            data=form.meeting_data(),
            preparation_group=form.cleaned_data["preparation_group"],
        )

    def get_success_message(self, result):
        return _("The meeting is scheduled and the members are invited.")

    def get_success_url(self):
        return self.result.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = _("Schedule a meeting")
        context["suggested_theme"] = selectors.suggested_theme(self.network)
        return context


class MeetingCopyView(MeetingMixin, MeetingCreateView):
    """A new meeting prefilled from an existing one, moved to the same weekday and time in
    the future (week by week)."""

    permission_required = "meetings.copy_meeting"

    def get_initial(self):
        meeting = self.meeting
        starts_at = timezone.localtime(meeting.starts_at)
        duration = meeting.ends_at - meeting.starts_at
        while starts_at < timezone.now():
            starts_at += datetime.timedelta(weeks=1)
        starts_at = timezone.localtime(starts_at)
        initial = {
            field: getattr(meeting, field)
            for field in ("title", "location", "address", "form", "agenda", "academy_invited")
        }
        initial.update(
            theme=selectors.suggested_theme(self.network) or meeting.theme,
            starts_at=starts_at,
            ends_at=starts_at + duration,
            preparation_group=[p.pk for p in meeting.preparation_group.all()],
        )
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = _("Copy a meeting")
        return context


class MeetingUpdateView(MeetingMixin, ServiceFormView):
    permission_required = "meetings.change_meeting"
    template_name = "meetings/meeting_form.html"
    form_class = MeetingForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(network=self.network, is_new=False, instance=self.meeting)
        return kwargs

    def perform(self, form):
        return services.update_meeting(
            self.meeting,
            by=self.request.user,
            data=form.meeting_data(),
            preparation_group=form.cleaned_data["preparation_group"],
            loaded_version=form.loaded_version,
        )

    def get_success_message(self, result):
        return _("The meeting is changed and the members are told.")

    def get_success_url(self):
        return self.meeting.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = _("Edit meeting")
        return context


class MeetingCancelView(MeetingMixin, TemplateView):
    """A confirmation page; POST cancels (kept in calendars as cancelled)."""

    permission_required = "meetings.cancel_meeting"
    template_name = "meetings/meeting_cancel.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["speakers"] = selectors.speakers_kept_informed(self.meeting)
        return context

    def post(self, request, *args, **kwargs):
        services.cancel_meeting(self.meeting, by=request.user)
        messages.success(request, _("The meeting is cancelled and the members are told."))
        return redirect(self.meeting)


class MeetingDetailView(MeetingMixin, TemplateView):
    permission_required = "meetings.view_meeting"
    template_name = "meetings/meeting_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        meeting = self.meeting
        if user.has_perm("meetings.view_responses", meeting):
            context["response_rows"] = selectors.responses_overview(meeting)
        if user.has_perm("meetings.respond_meeting", meeting):
            initial = {"answer": getattr(meeting, "my_answer", None)}
            context["response_form"] = ResponseForm(initial=initial)
        if user.has_perm("meetings.add_case", meeting):
            context["case_form"] = CaseForm()
        context["can_organise"] = user.has_perm("meetings.change_meeting", meeting)
        context["can_view_minutes"] = user.has_perm("meetings.view_minutes", meeting)
        if context["can_organise"]:
            context["briefing"] = selectors.speaker_briefing(meeting, viewer=user)
        context["is_past"] = meeting.ends_at < timezone.now()
        return context


class MeetingPrepareView(MeetingMixin, TemplateView):
    """The facilitator's preparation: earlier themes, the learning questions shared with them
    (never private ones), cases, answers and speakers."""

    permission_required = "meetings.prepare_meeting"
    template_name = "meetings/meeting_prepare.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            earlier=selectors.earlier_meetings(self.meeting),
            shared_questions=selectors.shared_questions_for(self.network, self.request.user),
            response_rows=selectors.responses_overview(self.meeting),
            next_theme_form=NextThemeForm(initial={"next_theme": self.meeting.next_theme}),
            suggested_theme=selectors.suggested_theme(self.network),
            open_actions=selectors.open_actions_for_network(
                self.network, self.request.user, before=self.meeting
            ),
        )
        return context


class ResponseView(MeetingMixin, ServiceFormView):
    """A member answers komt / komt niet (with an optional apology) / misschien."""

    permission_required = "meetings.answer_meeting"
    template_name = "meetings/response_form.html"
    form_class = ResponseForm

    def perform(self, form):
        return services.respond_to_meeting(
            self.meeting,
            person=self.request.user,
            answer=form.cleaned_data["answer"],
            apology=form.cleaned_data["apology"],
        )

    def get_success_message(self, result):
        return _("Thank you, your answer is saved.")

    def get_success_url(self):
        return self.meeting.get_absolute_url()


class CaseCreateView(MeetingMixin, ServiceFormView):
    permission_required = "meetings.add_case"
    template_name = "meetings/case_form.html"
    form_class = CaseForm

    def perform(self, form):
        return services.add_case(self.meeting, author=self.request.user, **form.cleaned_data)

    def get_success_message(self, result):
        return _("Your case is added to the meeting.")

    def get_success_url(self):
        return self.meeting.get_absolute_url()


class NextThemeView(MeetingMixin, ServiceFormView):
    permission_required = "meetings.change_meeting"
    template_name = "meetings/next_theme_form.html"
    form_class = NextThemeForm

    def get_initial(self):
        return {"next_theme": self.meeting.next_theme}

    def perform(self, form):
        return services.record_next_theme(
            self.meeting, by=self.request.user, theme=form.cleaned_data["next_theme"]
        )

    def get_success_message(self, result):
        return _("The theme for the next meeting is recorded.")

    def get_success_url(self):
        return self.meeting.get_absolute_url()


class PlannerView(NetworkFromSlugMixin, ServiceFormView):
    """The year planner, all by POST: "propose" proposes dates not yet planned from the rhythm,
    beside the meetings already planned; "confirm" (the form of this view) creates the
    adjusted series once. A refusal of the service lands above the confirm form."""

    only_visible = True
    permission_required = "meetings.add_meeting"
    template_name = "meetings/planner.html"
    form_class = PlannerConfirmForm

    def _initial(self) -> dict:
        weekday = selectors.usual_weekday(self.network)
        return {
            "first_date": timezone.localdate() + datetime.timedelta(days=14),
            "per_year": self.network.meetings_per_year or 3,
            "count": self.network.meetings_per_year or 3,
            "preset": planner.preset_for(self.network.meeting_form),
            "weekday": "" if weekday is None else str(weekday),
        }

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault(
            "planner_form",
            PlannerForm(
                initial=self._initial(),
                term_start=self.network.start_date,
                term_end=self.network.planned_end_date,
            ),
        )
        if context["form"] is not None:  # the confirm step was posted
            context["confirm_form"] = context["form"]
        context["planned"] = selectors.planned_meetings(self.network)
        return context

    def _confirm_form_for(self, planner_form: PlannerForm) -> PlannerConfirmForm:
        proposals = planner_form.proposals(planned=selectors.planned_days(self.network))
        details = selectors.new_meeting_details(self.network, len(proposals))
        initial = {}
        for i, proposal in enumerate(proposals):
            initial[f"title_{i}"] = details[i]["title"]
            initial[f"theme_{i}"] = details[i]["theme"]
            initial[f"starts_at_{i}"] = proposal.starts_at
            initial[f"ends_at_{i}"] = proposal.ends_at
            initial[f"include_{i}"] = True
        return PlannerConfirmForm(count=len(proposals), initial=initial)

    def post(self, request, *args, **kwargs):
        if request.POST.get("step") == "propose":
            planner_form = PlannerForm(
                request.POST,
                initial=self._initial(),
                term_start=self.network.start_date,
                term_end=self.network.planned_end_date,
            )
            context = {"planner_form": planner_form, "form": None}
            if planner_form.is_valid():
                context["confirm_form"] = self._confirm_form_for(planner_form)
            return self.render_to_response(self.get_context_data(**context))
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        try:
            count = min(max(int(self.request.POST.get("count", "0")), 0), 12)
        except ValueError:
            count = 0
        kwargs["count"] = count
        return kwargs

    def perform(self, form):
        return services.plan_meetings(
            self.network, by=self.request.user, proposals=form.meetings_data()
        )

    def get_success_message(self, result) -> str:
        created = len(result.created)
        return ngettext(
            "%(count)d meeting is scheduled.",
            "%(count)d meetings are scheduled.",
            created,
        ) % {"count": created}

    def form_valid(self, form):
        response = super().form_valid(form)
        skipped = self.result.already_planned if response.status_code == 302 else []
        if skipped:
            messages.info(
                self.request,
                ngettext(
                    "%(count)d date was already planned and has not been added again.",
                    "%(count)d dates were already planned and have not been added again.",
                    len(skipped),
                )
                % {"count": len(skipped)},
            )
        return response

    def get_success_url(self):
        return reverse("meetings:network-meetings", kwargs={"slug": self.network.slug})
