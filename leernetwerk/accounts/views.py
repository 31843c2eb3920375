"""The account pages allauth does not provide, and its mail-sending pages with a throttle."""

from __future__ import annotations

import functools

from allauth.account import views as allauth_views
from allauth.account.utils import get_next_redirect_url
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from ..throttle import THROTTLED_MESSAGE, mail_throttled
from . import oidc, twofactor


class ThrottledMailMixin:
    """Count each submitted form per address and per client (django-ratelimit); past the
    limit the form is shown again with a Dutch message at the address, and no mail goes out."""

    throttle_group = ""

    def form_valid(self, form):
        address = form.cleaned_data.get("email", "")
        if mail_throttled(self.request, group=self.throttle_group, address=address):
            form.add_error("email", THROTTLED_MESSAGE)
            return self.form_invalid(form)
        return super().form_valid(form)


class SignupView(ThrottledMailMixin, allauth_views.SignupView):
    throttle_group = "signup"


class PasswordResetView(ThrottledMailMixin, allauth_views.PasswordResetView):
    throttle_group = "password-reset"


class EnrolmentView(LoginRequiredMixin, TemplateView):
    """Staff without an authenticator ask for a one-time enrolment link by mail."""

    template_name = "account/two_factor_enrol.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            next=get_next_redirect_url(self.request) or "",
            has_totp=twofactor.has_totp(self.request.user),
        )

    def get(self, request, *args, **kwargs):
        if twofactor.may_enrol(request) and not twofactor.has_totp(request.user):
            return redirect("mfa_activate_totp")
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if mail_throttled(request, group="two-factor-enrol", address=request.user.email):
            messages.error(request, THROTTLED_MESSAGE)
        elif twofactor.send_enrolment_link(request, request.user):
            messages.success(
                request,
                _(
                    "We have e-mailed you a link to set up two-step verification. It works "
                    "once, for an hour, in this browser while you are signed in."
                ),
            )
        else:
            messages.error(
                request,
                _(
                    "We cannot send a link: your account has no verified e-mail address or "
                    "already has an authenticator app. Ask a colleague at the VO-academie."
                ),
            )
        return redirect(request.get_full_path())


class EnrolmentLinkView(LoginRequiredMixin, TemplateView):
    """The mailed link: confirm with a button (mail scanners only GET), then enrol."""

    template_name = "account/two_factor_enrol_link.html"

    def get_context_data(self, **kwargs):
        valid = True
        try:
            twofactor.check_enrolment_link(self.kwargs["token"], self.request.user)
        except twofactor.EnrolmentLinkError:
            valid = False
        return super().get_context_data(**kwargs, valid=valid)

    def post(self, request, *args, **kwargs):
        try:
            twofactor.open_enrolment_link(request, kwargs["token"])
        except twofactor.EnrolmentLinkError:
            return self.get(request, *args, **kwargs)
        return redirect(reverse("mfa_activate_totp"))


def only_with_school_signin(view):
    """School sign-in's pages (allauth's social views) exist only while it is configured
    (LEERNETWERK_OIDC_CLIENT_ID): otherwise every one of them answers 404. Asked per
    request, so the settings of the moment decide."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not oidc.is_enabled(settings.SOCIALACCOUNT_PROVIDERS):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped
