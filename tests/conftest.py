"""Shared fixtures: real-stack services, Chromium through Playwright, axe-core.

Locally, a test that needs a service or browser which is not there is skipped and listed at
the end of the run. Under CI (CI=true) the same test fails instead: CI must provide them."""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The real worker of the realstack tests writes its mail to files here, never to an SMTP
# server (settings would default to smtp://localhost:25 without DEBUG).
WORKER_MAIL_DIR = Path(tempfile.mkdtemp(prefix="lnw-worker-mail-"))
atexit.register(shutil.rmtree, WORKER_MAIL_DIR, ignore_errors=True)

REPO = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = os.environ.get("LEERNETWERK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

_not_run: dict[str, str] = {}  # nodeid -> why it could not run here


def _port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def _broker_url() -> str:
    return os.environ.get("CELERY_BROKER_URL", "")


def _realstack_missing() -> str | None:
    from django.conf import settings

    if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return "DATABASE_URL does not point at PostgreSQL"
    url = _broker_url()
    if not url.startswith("redis://"):
        return "CELERY_BROKER_URL does not point at Redis"
    from urllib.parse import urlparse

    parsed = urlparse(url)
    if not _port_open(parsed.hostname or "127.0.0.1", parsed.port or 6379):
        return f"Redis is not reachable at {url}"
    return None


def _browser_missing() -> str | None:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        return f"Chromium not found at {CHROMIUM}"
    return None


_missing: dict[str, str | None] = {}


def pytest_collection_modifyitems(config, items):
    _missing["browser"] = _browser_missing()
    _missing["realstack"] = (
        _realstack_missing() if any(i.get_closest_marker("realstack") for i in items) else None
    )
    if IN_CI:
        return  # pytest_runtest_setup fails these tests instead
    for item in items:
        for marker, reason in _missing.items():
            if reason and item.get_closest_marker(marker):
                _not_run[item.nodeid] = f"{marker}: {reason}"
                item.add_marker(pytest.mark.skip(reason=f"{marker}: {reason}"))


def pytest_deselected(items):
    """Tests left out with -m (make test-fast) were not meant to run: don't list them."""
    for item in items:
        _not_run.pop(item.nodeid, None)


def pytest_runtest_setup(item):
    if not IN_CI:
        return
    for marker, reason in _missing.items():
        if reason and item.get_closest_marker(marker):
            pytest.fail(f"CI must provide what this test needs: {reason}", pytrace=False)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _not_run:
        terminalreporter.section("not run on this machine")
        terminalreporter.write_line(
            f"{len(_not_run)} real-stack or browser tests could not run here "
            "(CI runs them; see README, 'Running on PostgreSQL, Redis and a worker'):"
        )
        for nodeid, reason in _not_run.items():
            terminalreporter.write_line(f"  - {nodeid} ({reason})")


# --- Celery worker on Redis -------------------------------------------------------------


def _database_url(settings_dict) -> str:
    user = quote(settings_dict.get("USER") or "")
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{quote(password)}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker):
    """A real `celery worker` process on Redis, pointed at the test database."""
    from django.db import connection

    from leernetwerk.celery import app

    reason = _realstack_missing()
    if reason:
        pytest.fail(reason) if IN_CI else pytest.skip(reason)
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="leernetwerk.settings_test",
        DATABASE_URL=_database_url(connection.settings_dict),
        CELERY_BROKER_URL=_broker_url(),
        EMAIL_URL=f"filemail:///{WORKER_MAIL_DIR}",
    )
    # Only the tests that ask for `celery_worker` publish to it: this session-wide fixture
    # leaves the app eager, so later tests (a live server's mail in mail.outbox) run as usual.
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge("celery")
    log = open(REPO / ".pytest-celery-worker.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "leernetwerk",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--loglevel=info",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--hostname=pytest@%h",
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"celery worker exited early; see {log.name}")
            if app.control.ping(timeout=1):
                break
        else:
            raise RuntimeError("celery worker did not answer a ping within 60 s")
        yield proc
    finally:
        # Always stop it, also when start-up failed: an orphaned worker would keep taking
        # tasks from this queue with a stale environment in later runs.
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    log.close()


@pytest.fixture
def celery_worker(celery_worker_process, settings):
    """Use inside a `django_db(transaction=True)` test: tasks go to the real worker."""
    from leernetwerk.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    yield celery_worker_process
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (charts, rate-limit counters): nothing lingers from
    a rolled-back test."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _data_from_migrations(request):
    """Restore what data migrations load (the five competences) for tests with a database.

    A `transaction=True` test empties every table afterwards, including rows a migration
    inserted; later tests must still find them, as on a real installation."""
    if request.node.get_closest_marker("django_db") is None:
        for name in ("transactional_db", "db"):
            if name in request.fixturenames:
                request.getfixturevalue(name)
                break
        else:
            return
    from networks.competences import ensure_competences

    ensure_competences()


def wait_for(predicate, timeout: float = 30.0, interval: float = 0.25):
    """Poll until predicate() is truthy; return its value or fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"condition not met within {timeout} s")


# --- Chromium through Playwright --------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL", "timezone_id": "Europe/Amsterdam"}


def login(page, live_server, email: str, password: str) -> None:
    """Sign in through the Dutch login form, as a person would."""
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()


def assert_accessible(page) -> None:
    """axe-core finds no WCAG 2.1 A or AA violation on the page as it stands."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
        },
    )
    assert results.violations_count == 0, results.generate_report()
