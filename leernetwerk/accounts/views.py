"""Sign in, sign out and two-step verification (TOTP, django-otp)."""

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..middleware import OTP_REQUIRED_SESSION_KEY
from .forms import EmailAuthenticationForm, TokenForm

DEVICE_NAME = "Leernetwerk"


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            # Who enrolled a device must use it, also where it is not compulsory.
            self.request.session[OTP_REQUIRED_SESSION_KEY] = True
        messages.success(self.request, _("Welcome, %(name)s.") % {"name": user.get_short_name()})
        return response


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You have been logged out."))
        return response


def _unconfirmed_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


class TwoFactorView(LoginRequiredMixin, FormView):
    """Confirm a TOTP code; who has no device yet first enrols one with a QR code.

    Compulsory for academy staff when LEERNETWERK_STAFF_REQUIRE_2FA is on; open to anyone."""

    template_name = "registration/two_factor.html"
    form_class = TokenForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.device = (
                TOTPDevice.objects.filter(user=request.user, confirmed=True).order_by("pk").first()
            )
            self.enrolling = self.device is None
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if not self.enrolling and request.user.is_verified():
            messages.info(request, _("You have already confirmed a code in this session."))
            return redirect(self.get_success_url())
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        if self.enrolling:
            self.device = _unconfirmed_device(self.request.user)
        return {**super().get_form_kwargs(), "device": self.device}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            enrolling=self.enrolling,
            next=self.request.GET.get("next", ""),
            compulsory=self.request.user.is_staff or self.request.user.is_academy_staff,
        )
        if self.enrolling:
            context["secret"] = b32encode(self.device.bin_key).decode()
        return context

    def get_success_url(self) -> str:
        target = self.request.POST.get("next") or self.request.GET.get("next", "")
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return target
        return reverse(settings.LOGIN_REDIRECT_URL)

    def form_valid(self, form):
        device = form.device
        if self.enrolling:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            messages.success(
                self.request,
                _("Two-step verification is on. From now on you sign in with a code as well."),
            )
        else:
            messages.success(self.request, _("Code confirmed."))
        otp_login(self.request, device)
        return redirect(self.get_success_url())


class TwoFactorQRCodeView(LoginRequiredMixin, View):
    """The enrolment QR code as an SVG image (an <img>, so no inline markup or script)."""

    def get(self, request):
        device = (
            TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("pk").first()
        )
        if device is None:
            raise Http404
        image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
        return HttpResponse(image.to_string(encoding="unicode"), content_type="image/svg+xml")
