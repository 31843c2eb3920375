from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("tweestapsverificatie/", views.TwoFactorView.as_view(), name="two-factor"),
    path(
        "tweestapsverificatie/qr.svg",
        views.TwoFactorQRCodeView.as_view(),
        name="two-factor-qr",
    ),
    path(
        "wachtwoord-vergeten/",
        auth_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
