"""Benchmark settings: production settings on the benchmark's own database, served over http."""

import os
import socket

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
DATABASES["default"]["ATOMIC_REQUESTS"] = True  # as in production (leernetwerk/settings.py)
STATIC_ROOT = None  # static files come from the finders; no collectstatic for the benchmark


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


# As in production: the fragment cache on Redis (its own database), shared by the gunicorn
# workers. Without Redis the memory cache is per process, so fragments are not cached.
if os.environ.get("BENCH_CACHE_URL") or _redis_up():
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/3"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    LEERNETWERK_FRAGMENT_CACHE_SHARED = True
