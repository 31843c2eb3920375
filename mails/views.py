"""The person's own mail choice (linked from Mijn gegevens and from every mail)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from . import services
from .forms import PreferenceForm


class PreferenceView(LoginRequiredMixin, FormView):
    template_name = "mails/preference.html"
    form_class = PreferenceForm

    def get_initial(self):
        return {"frequency": services.frequency_for(self.request.user)}

    def form_valid(self, form):
        try:
            services.set_frequency(self.request.user, form.cleaned_data["frequency"])
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your mail choice is saved."))
        return redirect("mails:preference")
