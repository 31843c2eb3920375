"""Cross-cutting request handling: two-factor for staff, no caching of personal pages."""

from django.shortcuts import redirect
from django.utils.http import urlencode


class StaffTwoFactorMiddleware:
    """Send staff who have not proved a second factor in this session to enrol or confirm a
    code first (leernetwerk.accounts.twofactor decides where). In process_view, so the CSRF
    check (an earlier middleware) still refuses a POST without a token first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from .accounts.twofactor import second_factor_redirect

        target = second_factor_redirect(request)
        if target is not None:
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{target}?{query}")
        return None


class NoStoreForAuthenticatedMiddleware:
    """Pages rendered for a signed-in person may hold personal data: never cache them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response
