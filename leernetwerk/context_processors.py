from django.conf import settings


def roles(request):
    """Expose whether the viewer is academy staff, for navigation only (not for permission)."""
    user = getattr(request, "user", None)
    return {
        "is_academy_staff": bool(user and user.is_authenticated and user.is_academy_staff),
        "site_debug": settings.DEBUG,
    }
