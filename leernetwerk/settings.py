"""Settings, read from the environment (django-environ). Defaults give the embedded
set-up of `make run`: SQLite in the project folder, Celery tasks run eagerly in-process."""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from leernetwerk.accounts import oidc
from leernetwerk.settings_beat import CELERY_BEAT_SCHEDULE  # noqa: F401 - a setting Celery reads

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env(
    "DJANGO_SECRET_KEY",
    default="django-insecure-dev-only-key-change-me-0123456789abcdefghijklmnopqrstuvwxyz",
)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("LEERNETWERK_SITE_URL", default="http://127.0.0.1:8000")
# Evaluation secrets, kept out of the database so that the database alone cannot tie an
# evaluation response to a person: the key that lets a personal link find its response again,
# and the key of the pseudonym that pairs a person's rounds. Set both in production (each a
# long random string, different from DJANGO_SECRET_KEY); the defaults are for development.
EVALUATION_RESPONSE_KEY = env(
    "LEERNETWERK_EVALUATION_RESPONSE_KEY", default=f"dev-only-response-key-{SECRET_KEY}"
)
EVALUATION_PSEUDONYM_KEY = env(
    "LEERNETWERK_EVALUATION_PSEUDONYM_KEY", default=f"dev-only-pseudonym-key-{SECRET_KEY}"
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # FORM_RENDERER below finds Django's own widget templates here
    "rules.apps.AutodiscoverRulesConfig",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "django_celery_beat",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "axes",
    "csp",
    "simple_history",
    "import_export",
    "rest_framework",
    "drf_spectacular",
    "leernetwerk",
    "participants",
    "networks",
    "meetings",
    "evaluations",
    "mails",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "leernetwerk.middleware.DutchUnlessChosenMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Refuses in __call__, before any process_view (CSRF reads the POST body there).
    "leernetwerk.middleware.RefuseLargeRequestMiddleware",
    "leernetwerk.middleware.RefuseNulMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "leernetwerk.middleware.ViewerMemoMiddleware",
    "leernetwerk.middleware.BackgroundWorkNoticeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Works in process_view: after the CSRF check, before any view.
    "leernetwerk.middleware.StaffTwoFactorMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "leernetwerk.middleware.NoStoreForAuthenticatedMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "leernetwerk.urls"
WSGI_APPLICATION = "leernetwerk.wsgi.application"

# Widget templates may be overridden in templates/ (the admin's split date/time widget).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "leernetwerk.context_processors.roles",
                "evaluations.context_processors.enums",
            ],
            "builtins": ["rules.templatetags.rules"],
        },
    }
]

DATABASES = {
    "default": env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    ),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded default serves several requests at once (runserver's threads, the live
    # criteria check while the form is saved). A deferred SQLite transaction that reads and
    # then writes fails at once with "database is locked" when another one writes; starting
    # each transaction IMMEDIATE makes the second wait its turn (up to `timeout` seconds).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "participants.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "networks:my-networks"
LOGOUT_REDIRECT_URL = "home"

# Accounts (django-allauth): sign in with the e-mail address, sign-up with a verified address.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "participants.signup.SignupForm"
ACCOUNT_FORMS = {
    "login": "leernetwerk.accounts.forms.LoginForm",
    "reset_password": "leernetwerk.accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "leernetwerk.accounts.forms.ResetPasswordKeyForm",
    "add_email": "leernetwerk.accounts.forms.AddEmailForm",
    "change_email": "leernetwerk.accounts.forms.ChangeEmailForm",
    "change_password": "leernetwerk.accounts.forms.ChangePasswordForm",
    "set_password": "leernetwerk.accounts.forms.SetPasswordForm",
}
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # no mail to addresses without an account
# Sign-up says at the field that an address is taken; the reset form never says whether an
# address has an account (leernetwerk.accounts.forms.ResetPasswordForm).
ACCOUNT_PREVENT_ENUMERATION = False
ACCOUNT_ADAPTER = "leernetwerk.accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Leernetwerk: "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# Failed logins are counted by axes; sign-up and reset mails by django-ratelimit
# (leernetwerk.accounts.throttle). allauth keeps its own limits on everything else.
ACCOUNT_RATE_LIMITS = {"login_failed": None, "reset_password": None, "signup": None}
# Two-step verification (allauth.mfa): TOTP with recovery codes.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Leernetwerk VO-academie"
# School sign-in (OpenID Connect), off unless LEERNETWERK_OIDC_CLIENT_ID is set.
SOCIALACCOUNT_ADAPTER = "leernetwerk.accounts.adapter.SocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
LEERNETWERK_OIDC_CLIENT_ID = env("LEERNETWERK_OIDC_CLIENT_ID", default="")
LEERNETWERK_OIDC_SERVER_URL = env("LEERNETWERK_OIDC_SERVER_URL", default="")
SOCIALACCOUNT_PROVIDERS = oidc.socialaccount_providers(
    client_id=LEERNETWERK_OIDC_CLIENT_ID,
    secret=env("LEERNETWERK_OIDC_CLIENT_SECRET", default=""),
    server_url=LEERNETWERK_OIDC_SERVER_URL,
    name=env("LEERNETWERK_OIDC_NAME", default="Schoolaccount"),
)

# Academy staff (and anyone with admin access) must use two-step verification whenever DEBUG
# is off; their first enrolment needs a link mailed to their verified address.
LEERNETWERK_STAFF_REQUIRE_2FA = env.bool("LEERNETWERK_STAFF_REQUIRE_2FA", default=not DEBUG)
ACADEMY_STAFF_GROUP = "VO-academie"
# The largest request body accepted (any upload form's own limit lies below it, so a file
# too large for its form still gets the message at the field); larger is a 413 at once.
LEERNETWERK_MAX_REQUEST_BYTES = env.int("LEERNETWERK_MAX_REQUEST_BYTES", default=3 * 1024 * 1024)
# How many days before a meeting its reminder mail goes out.
LEERNETWERK_MEETING_REMINDER_DAYS = env.int("LEERNETWERK_MEETING_REMINDER_DAYS", default=7)
# How long visitors' directory list may stay in the cache at most (networks/directory_cache.py;
# every change to what it shows replaces it at once). 0: never cached.
LEERNETWERK_DIRECTORY_CACHE_SECONDS = env.int("LEERNETWERK_DIRECTORY_CACHE_SECONDS", default=600)

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env(
            "DJANGO_STATICFILES_STORAGE",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = BASE_DIR / "media"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: console backend in development.
EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Leernetwerk VO-academie <noreply@vo-academie.nl>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Cache: Redis in production (CACHE_URL=redis://127.0.0.1:6379/2), shared by the web and
# Celery workers; the per-process memory cache otherwise. It holds rendered report charts and
# the visitors' directory list (networks/directory_cache.py); no other page is cached. Short
# socket timeouts keep a Redis outage from holding up a page.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    CACHES["default"].setdefault("OPTIONS", {}).update(
        socket_connect_timeout=0.5, socket_timeout=0.5, retry_on_timeout=False
    )

# Celery: without a broker, tasks run eagerly in the web process (the embedded default).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 300
CELERY_TASK_TIME_LIMIT = 360
# Longer than the longest task, so a late-acked task is not redelivered while it still runs.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "socket_connect_timeout": 2,
    "socket_timeout": 2,
    "retry_on_timeout": False,
    "max_retries": 1,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY = False
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# What beat runs when: leernetwerk/settings_beat.py (imported above).

# Security. Production values apply whenever DEBUG is off.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SAMESITE = "Lax"
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
if LEERNETWERK_OIDC_CLIENT_ID:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(
        oidc.form_action_origin(LEERNETWERK_OIDC_SERVER_URL)
    )

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
# Lock an account after 5 failures from anywhere (guessing one password), and an address after
# 5 failures on any accounts (trying one password on many accounts). Behind a reverse proxy set
# DJANGO_PROXY_COUNT so the client address comes from X-Forwarded-For, not the proxy's.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
LEERNETWERK_PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "leernetwerk.accounts.client_ip.client_ip"
# Counted per normalised address (trimmed, lower-case): JET@ and jet@ are one account.
AXES_USERNAME_CALLABLE = "leernetwerk.accounts.throttle.axes_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Leernetwerk API",
    "DESCRIPTION": "Openbare, alleen-lezen gegevens van de leernetwerken van de VO-academie.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}

SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")},
}
