"""Account pages under /account/ with Dutch paths: django-allauth's views by their own URL
names, plus the throttled mail pages and the staff enrolment link (views.py)."""

from allauth.account import views as account
from allauth.socialaccount import views as social
from allauth.socialaccount.providers.openid_connect import views as school
from django.urls import include, path, re_path

from . import views

urlpatterns = [
    path("inloggen/", account.login, name="account_login"),
    path("uitloggen/", account.logout, name="account_logout"),
    path("inactief/", account.account_inactive, name="account_inactive"),
    path("aanmelden/", views.SignupView.as_view(), name="account_signup"),
    path("opnieuw-inloggen/", account.reauthenticate, name="account_reauthenticate"),
    path(
        "opnieuw-inloggen/code/",
        account.request_reauthentication_code,
        name="account_request_reauthentication_code",
    ),
    path(
        "opnieuw-inloggen/code/bevestigen/",
        account.confirm_reauthentication_code,
        name="account_confirm_reauthentication_code",
    ),
    path("e-mailadres/", account.email, name="account_email"),
    path(
        "e-mailadres/bevestigen/",
        account.email_verification_sent,
        name="account_email_verification_sent",
    ),
    re_path(
        r"^e-mailadres/bevestigen/(?P<key>[-:\w]+)/$",
        account.confirm_email,
        name="account_confirm_email",
    ),
    path("wachtwoord/wijzigen/", account.password_change, name="account_change_password"),
    path("wachtwoord/instellen/", account.password_set, name="account_set_password"),
    path("wachtwoord-vergeten/", views.PasswordResetView.as_view(), name="account_reset_password"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        account.password_reset_done,
        name="account_reset_password_done",
    ),
    re_path(
        r"^wachtwoord-herstellen/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        account.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        account.password_reset_from_key_done,
        name="account_reset_password_from_key_done",
    ),
    path(
        "tweestapsverificatie/inschrijven/",
        views.EnrolmentView.as_view(),
        name="two-factor-enrol",
    ),
    path(
        "tweestapsverificatie/inschrijven/<str:token>/",
        views.EnrolmentLinkView.as_view(),
        name="two-factor-enrol-link",
    ),
    path("tweestapsverificatie/", include("allauth.mfa.urls")),
    # School sign-in (OpenID Connect, provider id "school"): its pages, and
    # /account/oidc/school/login/ with its callback, answer only when LEERNETWERK_OIDC_CLIENT_ID
    # is set (views.only_with_school_signin); otherwise each is a 404.
    path(
        "school/inloggen/geannuleerd/",
        views.only_with_school_signin(social.login_cancelled),
        name="socialaccount_login_cancelled",
    ),
    path(
        "school/inloggen/fout/",
        views.only_with_school_signin(social.login_error),
        name="socialaccount_login_error",
    ),
    path(
        "school/aanmelden/",
        views.only_with_school_signin(social.signup),
        name="socialaccount_signup",
    ),
    path(
        "school/koppelingen/",
        views.only_with_school_signin(social.connections),
        name="socialaccount_connections",
    ),
    re_path(
        r"^oidc/(?P<provider_id>[^/]+)/",
        include(
            [
                path(
                    "login/",
                    views.only_with_school_signin(school.login),
                    name="openid_connect_login",
                ),
                path(
                    "login/callback/",
                    views.only_with_school_signin(school.callback),
                    name="openid_connect_callback",
                ),
            ]
        ),
    ),
]
