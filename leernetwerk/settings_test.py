"""Settings for the test run: the production settings, served over plain http on localhost.

Everything else (database, broker, CSP, axes) comes from settings.py and the environment, so
`DATABASE_URL` and `CELERY_BROKER_URL` point the suite at PostgreSQL and Redis in CI."""

import os

from .settings import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests that check two-factor enforcement switch it on with override_settings.
LEERNETWERK_STAFF_REQUIRE_2FA = False
# Unit tests run tasks in-process; the realstack tests start a real worker on Redis. A
# real worker started by a test sets CELERY_TASK_ALWAYS_EAGER=false so that it publishes
# the tasks it enqueues (as in production) instead of running them inside the current task.
CELERY_TASK_ALWAYS_EAGER = os.environ.get("CELERY_TASK_ALWAYS_EAGER", "true").lower() != "false"
# TEST HOOK: seconds a score computation pauses inside its transaction, so the reliability
# tests can SIGKILL a worker mid-computation (evaluations.services.scores._test_pause).
LEERNETWERK_TEST_SCORES_PAUSE = float(os.environ.get("LEERNETWERK_TEST_SCORES_PAUSE", "0"))
LEERNETWERK_TEST_MAIL_PAUSE = float(os.environ.get("LEERNETWERK_TEST_MAIL_PAUSE", "0"))
