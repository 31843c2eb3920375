from django.conf import settings
from django.utils.functional import SimpleLazyObject


def roles(request):
    """Expose whether the viewer is academy staff, for navigation only (not for permission)."""
    user = getattr(request, "user", None)
    # Lazy: a page served from cached fragments need not ask the database.
    return {
        "is_academy_staff": SimpleLazyObject(
            lambda: bool(user and user.is_authenticated and user.is_academy_staff)
        ),
        "site_debug": settings.DEBUG,
    }
