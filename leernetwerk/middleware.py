"""Cross-cutting request handling: the interface language, two-factor for staff, no caching of personal pages, the
per-request memo of the viewer, telling the person when background work has to wait, no
NUL bytes in addresses, and no request body larger than the site accepts."""

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .accounts.twofactor import second_factor_redirect
from .dispatch import waiting_since


class DutchUnlessChosenMiddleware:
    """The interface is Dutch for everyone, English only for whoever chose it with the language
    switch in the navigation (Django's `set_language` view, which sets the language cookie).

    Unlike Django's LocaleMiddleware this does not follow the browser's Accept-Language: many
    Dutch school leaders use a browser set to English and would otherwise get an English
    interface they never asked for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class StaffTwoFactorMiddleware:
    """Send staff who have not proved a second factor in this session to enrol or confirm a
    code first (leernetwerk.accounts.twofactor decides where). In process_view, so the CSRF
    check (an earlier middleware) still refuses a POST without a token first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
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


class ViewerMemoMiddleware:
    """Gives the signed-in person of this request an empty `request_memo` dict.

    Permission predicates receive only the user and the object they judge; a page asks
    several of them about the same network, so they may remember answers in
    `user.request_memo` (networks/rules.py). The memo lives and dies with this request's
    user object: a user loaded anywhere else (a service, a task, a test) has none."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            user.request_memo = {}
        return self.get_response(request)


class BackgroundWorkNoticeMiddleware:
    """After a request that changed something, tell the person if work it enqueued could not
    reach the broker yet (it waits in the outbox and follows by itself; leernetwerk.dispatch).

    Runs after the request's transaction has committed (ATOMIC_REQUESTS wraps the view only),
    so the outbox rows it looks at are the ones the publish step left behind."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = timezone.now()
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD", "OPTIONS") and waiting_since(started):
            messages.info(
                request,
                _(
                    "Background processing is briefly unavailable. Your change has been "
                    "saved; the rest follows automatically as soon as it is back."
                ),
            )
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


class RefuseLargeRequestMiddleware:
    """A request whose declared Content-Length exceeds `LEERNETWERK_MAX_REQUEST_BYTES` is
    refused with a Dutch 413 page (a JSON error under /api/) before anything reads its body,
    so a huge upload costs the worker nothing. The cap lies above every upload field's own
    limit (leernetwerk.uploads.MAX_UPLOAD_BYTES), so a file that is merely too large for its
    form still gets the message at the field."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.LEERNETWERK_MAX_REQUEST_BYTES
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit:
            message = _(
                "What you sent is larger than %(limit)s, the most this site accepts. "
                "Send a smaller file."
            ) % {"limit": filesizeformat(limit)}
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=413)
            return render(request, "413.html", {"message": message}, status=413)
        return self.get_response(request)
