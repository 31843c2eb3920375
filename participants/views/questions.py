"""A participant's learning questions: list, write, read, reflect, delete."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from leernetwerk.pagination import paginate
from leernetwerk.views import ServiceFormView

from .. import selectors, services
from ..forms import LearningQuestionForm, ReflectionForm
from ..models import LearningQuestion

GOAL_HINT = gettext_lazy(
    "Your goal does not begin with “Leerlingen” (students): it may describe a means rather "
    "than a goal. Try: what should students be able to do?"
)


def owned_question(request, pk) -> LearningQuestion:
    """The signed-in owner's question; anyone else gets 404."""
    return get_object_or_404(LearningQuestion, pk=pk, owner=request.user)


class QuestionListView(LoginRequiredMixin, TemplateView):
    template_name = "participants/question_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(paginate(self.request, selectors.questions_for_owner(self.request.user)))
        return context


class QuestionFormView(LoginRequiredMixin, ServiceFormView):
    template_name = "participants/question_form.html"
    form_class = LearningQuestionForm

    def dispatch(self, request, *args, **kwargs):
        self.question = None
        if request.user.is_authenticated and "pk" in kwargs:
            self.question = owned_question(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["owner"] = self.request.user
        if self.question is not None:
            kwargs["instance"] = self.question
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["question"] = self.question
        return context

    def perform(self, form):
        question = services.save_learning_question(
            owner=self.request.user,
            data=form.cleaned_data,
            question=self.question,
            loaded_version=form.loaded_version,
        )
        return question

    def get_success_message(self, result):
        return _("Your learning question has been saved.")

    def get_success_url(self):
        return self.result.get_absolute_url()

    def form_valid(self, form):
        response = super().form_valid(form)
        if response.status_code == 302 and form.goal_hint:
            messages.warning(self.request, GOAL_HINT)  # after the saved message
        return response


class GoalHintView(LoginRequiredMixin, View):
    """htmx: the rule-of-thumb hint for a goal being typed (a hint, never an error)."""

    def post(self, request):
        goal = request.POST.get("goal", "")
        return render(
            request,
            "participants/_goal_hint.html",
            {"goal_hint": services.goal_states_a_means(goal)},
        )


class QuestionDetailView(LoginRequiredMixin, TemplateView):
    template_name = "participants/question_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            question = selectors.question_for_viewer(self.request.user, self.kwargs["pk"])
        except LearningQuestion.DoesNotExist as exc:
            raise Http404 from exc
        is_owner = question.owner_id == self.request.user.pk
        context.update(
            question=question,
            is_owner=is_owner,
            goal_hint=services.goal_states_a_means(question.goal),
            reflection_form=ReflectionForm(question=question) if is_owner else None,
        )
        return context


class ReflectionCreateView(LoginRequiredMixin, FormView):
    template_name = "participants/reflection_form.html"
    form_class = ReflectionForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.question = owned_question(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "question": self.question}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "question": self.question}

    def form_valid(self, form):
        services.add_reflection(self.question, by=self.request.user, data=form.cleaned_data)
        messages.success(self.request, _("Your reflection has been added."))
        return redirect(self.question.get_absolute_url())


class QuestionDeleteView(LoginRequiredMixin, TemplateView):
    template_name = "participants/question_confirm_delete.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.question = owned_question(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "question": self.question}

    def post(self, request, pk):
        services.delete_learning_question(self.question, by=request.user)
        messages.success(request, _("Your learning question has been deleted."))
        return redirect("participants:question-list")
