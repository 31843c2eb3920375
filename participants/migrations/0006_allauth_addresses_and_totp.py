"""Move accounts onto django-allauth.

1. Every existing person's address becomes a verified, primary allauth EmailAddress: these
   accounts were made by the academy, by invitation or by import, and sign-in with mandatory
   verification must keep working for them.
2. Confirmed django-otp TOTP devices (table otp_totp_totpdevice, left behind when django-otp was
   removed) become allauth.mfa TOTP authenticators with the same secret, so phones keep working;
   django-otp static tokens become allauth recovery codes ("migrated_codes"). Devices with a
   non-default step, digits or t0 cannot be carried over: those people enrol again.
   The otp_* tables are left in place; drop them by hand once the move is checked.
Running it twice changes nothing (existing rows are skipped)."""

import base64
import secrets

from django.db import migrations


def _rows(connection, sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row)) for row in cursor.fetchall()]


def forwards(apps, schema_editor):
    User = apps.get_model("participants", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    Authenticator = apps.get_model("mfa", "Authenticator")
    has_address = set(EmailAddress.objects.values_list("user_id", flat=True))
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user_id=pk, email=email.lower(), verified=True, primary=True)
            for pk, email in User.objects.values_list("pk", "email")
            if pk not in has_address and email
        ]
    )
    connection = schema_editor.connection
    tables = set(connection.introspection.table_names())
    if "otp_totp_totpdevice" in tables:
        with_totp = set(
            Authenticator.objects.filter(type="totp").values_list("user_id", flat=True)
        )
        for device in _rows(
            connection,
            "SELECT user_id, key, step, digits, t0 FROM otp_totp_totpdevice WHERE confirmed",
        ):
            if device["user_id"] in with_totp:
                continue
            if (device["step"], device["digits"], device["t0"]) != (30, 6, 0):
                continue
            secret = base64.b32encode(bytes.fromhex(device["key"])).decode()
            Authenticator.objects.create(
                user_id=device["user_id"], type="totp", data={"secret": secret}
            )
            with_totp.add(device["user_id"])
    if {"otp_static_staticdevice", "otp_static_statictoken"} <= tables:
        with_codes = set(
            Authenticator.objects.filter(type="recovery_codes").values_list("user_id", flat=True)
        )
        codes: dict[int, list[str]] = {}
        for token in _rows(
            connection,
            "SELECT d.user_id, t.token FROM otp_static_statictoken t "
            "JOIN otp_static_staticdevice d ON d.id = t.device_id WHERE d.confirmed",
        ):
            codes.setdefault(token["user_id"], []).append(token["token"])
        for user_id, tokens in codes.items():
            if user_id not in with_codes:
                Authenticator.objects.create(
                    user_id=user_id,
                    type="recovery_codes",
                    data={"migrated_codes": tokens, "used_mask": 0,
                          "seed": secrets.token_hex(40)},
                )


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0005_link_shared_scans_to_networks"),
        ("account", "0009_emailaddress_unique_primary_email"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
