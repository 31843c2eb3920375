"""Strings of Django 5.2's admin and auth that its own Dutch catalogue lacks (issue 15).

They are translated in the project's catalogue (locale/nl/LC_MESSAGES/django.po); listing
them here keeps `makemessages` from dropping them. The admin's JavaScript strings live in
locale/nl/LC_MESSAGES/djangojs.po. tests/leernetwerk/test_admin_dutch.py checks that every
string of Django's English admin and auth catalogues has a Dutch translation."""

from django.utils.translation import gettext_noop, ngettext_lazy

ADMIN_STRINGS = (
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop("Error:"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("In case you’ve forgotten, you are:"),
)
PASSWORD_TOO_SHORT = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
    "min_length",
)
