"""Outcomes (opbrengsten) and value-creation stories of a network."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from .. import selectors, services
from ..forms import OutcomeForm, ValueStoryForm
from .base import NetworkMixin, paginate


class OutcomeListView(NetworkMixin, TemplateView):
    permission_required = "evaluations.view_outcomes"
    template_name = "evaluations/outcome_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(paginate(self.request, selectors.outcomes_for_network(self.network, user)))
        context.update(
            network=self.network,
            stories=list(selectors.stories_for_network(self.network, user)[:50]),
        )
        return context


class OutcomeCreateView(NetworkMixin, FormView):
    permission_required = "evaluations.add_outcome"
    template_name = "evaluations/outcome_form.html"
    form_class = OutcomeForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(network=self.network, **kwargs)

    def form_valid(self, form):
        services.record_outcome(self.network, by=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("The outcome has been recorded."))
        return redirect("evaluations:outcome-list", slug=self.network.slug)


class OutcomeMixin(NetworkMixin):
    """An outcome of the network that the viewer sees and may change (else 404)."""

    permission_required = "evaluations.edit_outcome"

    def get_permission_object(self):
        network = super().get_permission_object()
        self.outcome = get_object_or_404(
            selectors.outcomes_for_network(network, self.request.user), pk=self.kwargs["pk"]
        )
        return self.outcome

    def get_context_data(self, **kwargs):
        return super().get_context_data(network=self.network, outcome=self.outcome, **kwargs)


class OutcomeUpdateView(OutcomeMixin, FormView):
    template_name = "evaluations/outcome_form.html"
    form_class = OutcomeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.outcome}

    def form_valid(self, form):
        services.update_outcome(
            self.outcome,
            kind=form.cleaned_data["kind"],
            description=form.cleaned_data["description"],
            visibility=form.cleaned_data["visibility"],
        )
        messages.success(self.request, _("The outcome has been saved."))
        return redirect("evaluations:outcome-list", slug=self.network.slug)


class OutcomeDeleteView(OutcomeMixin, TemplateView):
    """GET asks for confirmation; POST removes the outcome."""

    template_name = "evaluations/outcome_confirm_delete.html"

    def post(self, request, *args, **kwargs):
        services.delete_outcome(self.outcome)
        messages.success(request, _("The outcome has been deleted."))
        return redirect("evaluations:outcome-list", slug=self.network.slug)


class StoryCreateView(NetworkMixin, FormView):
    permission_required = "evaluations.add_outcome"
    template_name = "evaluations/story_form.html"
    form_class = ValueStoryForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(network=self.network, **kwargs)

    def form_valid(self, form):
        try:
            story = services.record_value_story(
                self.network,
                by=self.request.user,
                title=form.cleaned_data["title"],
                visibility=form.cleaned_data["visibility"],
                steps=form.steps(),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The value-creation story has been saved."))
        return redirect(story)


class StoryDetailView(NetworkMixin, TemplateView):
    permission_required = "evaluations.view_outcomes"
    template_name = "evaluations/story_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        story = get_object_or_404(
            selectors.stories_for_network(self.network, self.request.user), pk=self.kwargs["pk"]
        )
        context.update(network=self.network, story=story)
        return context
