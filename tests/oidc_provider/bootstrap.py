"""Prepare the provider's database: `python -m tests.oidc_provider.bootstrap`.

Creates its tables, the school people given in OIDC_PROVIDER_PEOPLE
("username:password:first:last:email;...") and one confidential client for the app
(OIDC_PROVIDER_CLIENT_ID/_SECRET, redirect OIDC_PROVIDER_REDIRECT_URI)."""

import os

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.oidc_provider.settings")
    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    for entry in filter(None, os.environ["OIDC_PROVIDER_PEOPLE"].split(";")):
        username, password, first, last, email = entry.split(":")
        User.objects.create_user(
            username, email=email, password=password, first_name=first, last_name=last
        )
    Application.objects.create(
        name="Leernetwerk",
        client_id=os.environ["OIDC_PROVIDER_CLIENT_ID"],
        client_secret=os.environ["OIDC_PROVIDER_CLIENT_SECRET"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=os.environ["OIDC_PROVIDER_REDIRECT_URI"],
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=False,
    )


if __name__ == "__main__":
    main()
