"""Hardening (issue 7, item 3): deploy checks, headers, caching, lockout, CSRF, Celery."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from leernetwerk.accounts.client_ip import client_ip
from tests.factories import DEFAULT_PASSWORD, NetworkFactory, UserFactory, make_member, make_staff

REPO = Path(__file__).resolve().parents[2]
SAMPLE = {"int": "1", "slug": "voorbeeld", "str": "1", "path": "1", "uuid": str(uuid.UUID(int=1))}


def _routes(resolver=None, prefix: str = ""):
    """Every URL pattern as a concrete path, converters filled with sample values.

    Regex patterns with groups (the admin's app index) are left out: they cannot be filled in
    generically and the admin is covered by its other URLs."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        pattern = entry.pattern
        if isinstance(pattern, RoutePattern):
            route = str(pattern)
            for name, converter in pattern.converters.items():
                kind = {
                    "IntConverter": "int",
                    "SlugConverter": "slug",
                    "UUIDConverter": "uuid",
                    "PathConverter": "path",
                }.get(type(converter).__name__, "str")
                route = route.replace(f"<{kind}:{name}>", SAMPLE[kind]).replace(
                    f"<{name}>", SAMPLE["str"]
                )
        else:
            if pattern.regex.groups:
                continue
            route = str(pattern).lstrip("^").rstrip("$").replace("\\", "")
        if isinstance(entry, URLResolver):
            yield from _routes(entry, prefix + route)
        elif isinstance(entry, URLPattern):
            yield "/" + prefix + route


# --- check --deploy ----------------------------------------------------------------------


def test_production_settings_pass_check_deploy_with_nothing_silenced():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "leernetwerk.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "k7#Vq9!Lm2@Rt5$Wz8^Np3&Hs6*Jd4(Fg1)Xc0-Bv7=Ty2+Ue9_Io5",
        "DJANGO_ALLOWED_HOSTS": "leernetwerk.vo-academie.nl",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output


def test_no_system_check_is_silenced():
    assert getattr(django_settings, "SILENCED_SYSTEM_CHECKS", []) == []


# --- headers on every page ----------------------------------------------------------------


def _assert_security_headers(response, path):
    csp = response.get("Content-Security-Policy", "")
    assert "script-src 'self'" in csp, path
    assert "default-src 'self'" in csp, path
    assert "frame-ancestors 'none'" in csp, path
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, path
    assert response["X-Frame-Options"] == "DENY", path
    assert response["X-Content-Type-Options"] == "nosniff", path
    assert response["Referrer-Policy"] == "same-origin", path
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", path


@pytest.mark.django_db
def test_every_page_sends_security_headers_and_strict_csp():
    network = NetworkFactory(slug="voorbeeld")
    staff = make_staff(is_staff=True, is_superuser=True)
    make_member(network, person=staff)
    paths = sorted(set(_routes()))
    assert "/mijn/" in paths and "/account/inloggen/" in paths
    # Error pages need the headers too, so errors become responses instead of exceptions.
    client = Client(raise_request_exception=False)
    for signed_in in (False, True):
        if signed_in:
            client.force_login(staff)
        for path in paths:
            response = client.get(path)
            _assert_security_headers(response, path)
            assert response.status_code < 500, path


@pytest.mark.django_db
def test_hsts_is_sent_over_https_in_production(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000; includeSubDomains")


@pytest.mark.django_db
def test_pages_for_signed_in_people_are_never_cached(client):
    network = NetworkFactory(slug="eigen")
    person = make_member(network)
    client.force_login(person)
    for path in ("/", "/mijn/", "/netwerken/eigen/", "/account/tweestapsverificatie/"):
        assert client.get(path)["Cache-Control"] == "no-store", path


@pytest.mark.django_db
def test_public_pages_for_visitors_may_be_cached(client):
    assert "no-store" not in client.get("/").get("Cache-Control", "")


# --- lockout -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_five_failed_logins_lock_the_account_with_a_dutch_page(client):
    person = UserFactory()
    for _ in range(4):
        response = client.post("/account/inloggen/", {"login": person.email, "password": "fout"})
        assert response.status_code == 200
    response = client.post("/account/inloggen/", {"login": person.email, "password": "fout"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "<h1>Account tijdelijk geblokkeerd</h1>" in page
    assert "Inloggen is 5 keer achter elkaar mislukt." in page
    response = client.post(
        "/account/inloggen/", {"login": person.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_lockout_of_one_account_holds_from_another_address():
    person = UserFactory()
    for i in range(5):
        Client(REMOTE_ADDR=f"10.0.0.{i + 1}").post(
            "/account/inloggen/", {"login": person.email, "password": "fout"}
        )
    response = Client(REMOTE_ADDR="10.0.0.99").post(
        "/account/inloggen/", {"login": person.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 429


@pytest.mark.django_db
def test_lockout_counts_the_normalised_address():
    person = UserFactory(email="jet@school.example.nl")
    client = Client()
    for spelling in (
        "jet@school.example.nl",
        "JET@school.example.nl",
        " Jet@School.example.nl ",
        "jet@SCHOOL.example.nl",
    ):
        client.post("/account/inloggen/", {"login": spelling, "password": "fout"})
    response = Client(REMOTE_ADDR="10.0.0.77").post(
        "/account/inloggen/", {"login": "jet@school.example.nl", "password": "fout"}
    )
    assert response.status_code == 429
    response = Client(REMOTE_ADDR="10.0.0.78").post(
        "/account/inloggen/", {"login": "JET@SCHOOL.EXAMPLE.NL", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 429
    usernames = set(AccessAttempt.objects.values_list("username", flat=True))
    assert usernames == {"jet@school.example.nl"}
    assert "_auth_user_id" not in Client().session
    person.refresh_from_db()
    assert person.last_login is None


@pytest.mark.django_db
def test_four_failures_then_success_do_not_lock():
    person = UserFactory()
    client = Client()
    for _ in range(4):
        client.post("/account/inloggen/", {"login": person.email, "password": "fout"})
    response = client.post(
        "/account/inloggen/", {"login": person.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302


def test_client_ip_is_remote_addr_without_proxy(settings):
    settings.LEERNETWERK_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert client_ip(request) == "10.1.1.1"


def test_client_ip_behind_one_proxy_ignores_forged_entries(settings):
    settings.LEERNETWERK_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 145.1.2.3"
    )
    assert client_ip(request) == "145.1.2.3"


# --- CSRF ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_url_refuses_a_post_without_csrf_token():
    NetworkFactory(slug="voorbeeld")
    staff = make_staff(is_staff=True, is_superuser=True)
    paths = sorted(set(_routes()))
    for signed_in in (False, True):
        client = Client(enforce_csrf_checks=True)
        if signed_in:
            client.force_login(staff)
        for path in paths:
            response = client.post(path, {"login": staff.email, "password": DEFAULT_PASSWORD})
            if path.startswith("/api/"):
                # The read-only API accepts no POST at all.
                assert response.status_code in (403, 405), path
            else:
                assert response.status_code == 403, path
    assert "_auth_user_id" not in Client().session


@pytest.mark.django_db
def test_login_with_csrf_token_works_with_checks_on():
    person = UserFactory()
    client = Client(enforce_csrf_checks=True)
    client.get("/account/inloggen/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/account/inloggen/",
        {"login": person.email, "password": DEFAULT_PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


# --- Celery reliability settings --------------------------------------------------------


def test_celery_is_configured_for_reliable_delivery():
    from leernetwerk.celery import app

    conf = app.conf
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_soft_time_limit and conf.task_time_limit
    assert conf.task_soft_time_limit < conf.task_time_limit
    assert conf.beat_scheduler == "django_celery_beat.schedulers:DatabaseScheduler"
    own_tasks = [task for name, task in app.tasks.items() if name.startswith("leernetwerk.")]
    assert own_tasks, "no leernetwerk tasks registered"
    longest = max(
        [conf.task_time_limit] + [t.time_limit for t in own_tasks if t.time_limit is not None]
    )
    assert conf.broker_transport_options["visibility_timeout"] > longest
    assert all(hasattr(task, "delay_on_commit") for task in own_tasks)


# --- static analysis ------------------------------------------------------------------------


def test_bandit_reports_no_high_severity_finding():
    import json

    apps = ["leernetwerk", "participants", "networks", "meetings", "evaluations"]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bandit",
            "-r",
            *apps,
            "-x",
            "*/migrations/*",
            "--severity-level",
            "high",
            "-f",
            "json",
            "-q",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stdout)
    findings = [
        f"{r['filename']}:{r['line_number']} {r['test_id']} {r['issue_text']}"
        for r in report["results"]
    ]
    assert findings == []
    assert report["metrics"]["_totals"]["loc"] > 0
