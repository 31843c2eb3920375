"""Cross-cutting request handling: two-factor for staff, no caching of personal pages, no NUL
bytes in addresses."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

# Paths reachable before confirming a token: the account pages (2FA, logout), static, language.
_TWO_FACTOR_EXEMPT_PREFIXES = ("/account/", "/static/", "/i18n/")
# Set at login for people who enrolled a device of their own accord (see accounts.views).
OTP_REQUIRED_SESSION_KEY = "leernetwerk_otp_required"


def needs_second_factor(request) -> bool:
    """Whether this signed-in person must still confirm a TOTP token in this session.

    Academy staff (and anyone with admin access) must when LEERNETWERK_STAFF_REQUIRE_2FA is on
    (the default whenever DEBUG is off); anyone who enrolled a device must always."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    if request.session.get(OTP_REQUIRED_SESSION_KEY):
        return True
    return bool(
        getattr(settings, "LEERNETWERK_STAFF_REQUIRE_2FA", False)
        and (user.is_staff or user.is_academy_staff)
    )


class StaffTwoFactorMiddleware:
    """Send people who must confirm a TOTP token to the two-factor page first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(_TWO_FACTOR_EXEMPT_PREFIXES) and needs_second_factor(
            request
        ):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('two-factor')}?{query}")
        return self.get_response(request)


class NoStoreForAuthenticatedMiddleware:
    """Pages rendered for a signed-in person may hold personal data: never cache them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response


class RefuseNulMiddleware:
    """A NUL byte in the path or query string is refused with a Dutch 400 page, before any
    view (or filter, or search) can pass it to the database, which cannot store or compare it.

    Form fields (POST) refuse NUL themselves, with a message at the field (Django's CharField)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            message = _(
                "The address contains a character that is not allowed (a NUL byte). "
                "Remove it and try again."
            )
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return render(request, "400.html", {"message": message}, status=400)
        return self.get_response(request)
