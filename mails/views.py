"""The person's own mail choice (linked from Mijn gegevens and from every mail)."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import reverse
from django.utils.translation import gettext as _

from leernetwerk.views import ServiceFormView

from . import services
from .forms import PreferenceForm


class PreferenceView(LoginRequiredMixin, ServiceFormView):
    template_name = "mails/preference.html"
    form_class = PreferenceForm

    def get_initial(self):
        return {"frequency": services.frequency_for(self.request.user)}

    def perform(self, form):
        return services.set_frequency(self.request.user, form.cleaned_data["frequency"])

    def get_success_message(self, result):
        return _("Your mail choice is saved.")

    def get_success_url(self):
        return reverse("mails:preference")
