"""Benchmark settings: production settings on the benchmark's own database, served over http."""

import os

from leernetwerk.settings import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_USE_FINDERS = True
LEERNETWERK_STAFF_REQUIRE_2FA = False
CELERY_TASK_ALWAYS_EAGER = True
ROOT_URLCONF = "bench.urls"
AXES_ENABLED = False
DATABASES = {"default": env.db_url_config(os.environ["BENCH_DATABASE_URL"])}  # noqa: F405
DATABASES["default"]["CONN_MAX_AGE"] = 60
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # as in production: a kept connection is checked
DATABASES["default"]["ATOMIC_REQUESTS"] = True  # as in production (leernetwerk/settings.py)
STATIC_ROOT = None  # static files come from the finders; no collectstatic for the benchmark
