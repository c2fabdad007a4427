"""Approdo settings: one module, every deploy-time choice read from the environment.

See README.md ("Configuration") for the variables. Defaults are for a developer laptop:
SQLite under var/, DEBUG off unless asked, demo mode off unless asked.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str = "False") -> bool:
    return os.environ.get(name, default).strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    return int(os.environ.get(name, str(default)))


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG")
# Under pytest the suite needs no SECRET_KEY and uses fast password hashing where it asks.
TESTING = "pytest" in sys.modules or envbool("APPRODO_TESTING")
# Demo mode: demo accounts may skip MFA enrolment at first login. Never on in production.
DEMO_MODE = envbool("APPRODO_DEMO")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or DEMO_MODE or TESTING):
        raise RuntimeError("SECRET_KEY must be set (see README, Configuration).")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_ID = 1
# The address people open the app at, for links in e-mails (reminders).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "csp",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "approdo.core",
    "approdo.accounts",
    "approdo.audit",
    "approdo.network",
    "approdo.people",
    "approdo.cases",
    "approdo.screening",
    "approdo.plans",
    "approdo.interventions",
    "approdo.outreach",
    "approdo.helpdesk",
    "approdo.linkage",
    "approdo.registers",
    "approdo.monitoring",
    "approdo.budget",
    "approdo.housing",
    "approdo.transport",
    "approdo.jobs",
    "approdo.training",
    "approdo.jobcentres",
    "approdo.traineeships",
    "approdo.socialfarming",
    "approdo.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "approdo.accounts.middleware.UserLanguageMiddleware",
    "approdo.accounts.middleware.RequireMFAMiddleware",
    "approdo.core.requests.RequestContextMiddleware",
]

ROOT_URLCONF = "approdo.urls"
WSGI_APPLICATION = "approdo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "approdo" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "approdo.core.context_processors.approdo",
            ],
        },
    }
]

# Database: DATABASE_URL switches engines; SQLite (WAL) under var/ is the embedded default.
DEFAULT_SQLITE = f"sqlite:///{BASE_DIR / 'var' / 'approdo.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or DEFAULT_SQLITE,
        conn_max_age=envint("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Monitoring dashboards are kept this many seconds (0: always computed); the page says when
# its figures were computed and offers to compute them again.
MONITORING_CACHE_SECONDS = envint("MONITORING_CACHE_SECONDS", 0 if TESTING else 900)
# A register import's background task silent this long (minutes) may be abandoned.
REGISTER_IMPORT_STALL_MINUTES = envint("REGISTER_IMPORT_STALL_MINUTES", 30)
# Route planning: road distance as the straight line times a factor, at an average speed; plans
# with more ride requests than TRANSPORT_SYNC_RIDERS run in the background.
TRANSPORT_ROAD_FACTOR = float(os.environ.get("TRANSPORT_ROAD_FACTOR", "1.3"))
TRANSPORT_SPEED_KMH = float(os.environ.get("TRANSPORT_SPEED_KMH", "50"))
TRANSPORT_SYNC_RIDERS = envint("TRANSPORT_SYNC_RIDERS", 60)

CACHES = {
    "default": {
        # The database cache is shared by every app server, so login throttling holds
        # across processes without a separate cache server.
        "BACKEND": os.environ.get("CACHE_BACKEND", "django.core.cache.backends.db.DatabaseCache"),
        "LOCATION": os.environ.get("CACHE_LOCATION", "approdo_cache"),
    }
}

# --- Background tasks ---------------------------------------------------------------------
# Imports, linkage and other long work run as django-tasks on the database backend: no broker,
# one `manage.py db_worker` beside the web server (make run starts one). Tests run tasks
# immediately, in the process that enqueues them.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend",
        ),
    }
}

# --- Accounts, authentication, MFA -------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": envint("PASSWORD_MIN_LENGTH", 12)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "approdo.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"login": "approdo.accounts.forms.LoginForm"}
# Failed logins are throttled per IP and per account (allauth's rate limits, database cache).
ACCOUNT_RATE_LIMITS = {
    "login_failed": os.environ.get("LOGIN_FAILED_RATE", "5/5m/ip,5/5m/key"),
    "login": "30/m/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG or DEMO_MODE
MFA_TOTP_ISSUER = "Approdo"
# Accept the code of the previous and next 30-second step (RFC 6238's advice for clock drift):
# a code typed as it rolls over must not lock a mediator out in the field.
MFA_TOTP_TOLERANCE = envint("MFA_TOTP_TOLERANCE", 1)
# Roles that can see people's data must use a second factor (see accounts/roles.py).
MFA_REQUIRED_ROLES = envlist(
    "MFA_REQUIRED_ROLES",
    "spoke_operator,case_worker,mediator,legal_advisor,care_professional,hub_coordinator,"
    "body_admin,helpdesk_operator,system_admin",
)

SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True  # the age counts from the last request: an idle timeout
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- Security headers ----------------------------------------------------------------------
SECURE = envbool("SECURE_COOKIES", "False" if (DEBUG or DEMO_MODE) else "True")
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- E-mail (password reset, MFA notices) ---------------------------------------------------
# Without an SMTP server configured, messages are printed to the console instead of failing.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "True")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Approdo <noreply@approdo.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Map tiles are optional: without MAP_TILE_URL the map draws region boundaries only.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "")
_tile_origins = [MAP_TILE_URL.split("/{")[0].rsplit("/", 1)[0]] if MAP_TILE_URL else []

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", *_tile_origins],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Internationalisation --------------------------------------------------------------------
LANGUAGE_CODE = "it"
LANGUAGES = [("it", _("Italiano")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Rome"

# --- Static files -------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if envbool("STATIC_MANIFEST", "False" if DEBUG else "True")
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = envbool("WHITENOISE_USE_FINDERS", "True")

# --- Uploaded files (case attachments) ----------------------------------------------------
# Never served as static files: a view checks access and logs the read before sending one.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
ATTACHMENT_MAX_BYTES = envint("ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)

# --- Helpdesk ------------------------------------------------------------------------------
# Opening hours (local time) and days (0 = Monday); Italian public holidays are closed.
HELPDESK_HOURS = (
    os.environ.get("HELPDESK_OPENS", "09:30"),
    os.environ.get("HELPDESK_CLOSES", "18:00"),
)
HELPDESK_WEEKDAYS = frozenset(int(d) for d in envlist("HELPDESK_WEEKDAYS", "0,1,2,3,4"))
# The public form: submissions allowed per address per hour, and the shortest time (seconds)
# a person takes to fill it in (faster is a robot).
HELPDESK_FORM_PER_HOUR = envint("HELPDESK_FORM_PER_HOUR", 5)
HELPDESK_FORM_MIN_SECONDS = envint("HELPDESK_FORM_MIN_SECONDS", 3)
# The numbers the public pages give; the defaults are invented (demo), set the real ones.
HELPDESK_TOLL_FREE = os.environ.get("HELPDESK_TOLL_FREE", "800 000 000")
HELPDESK_WHATSAPP = os.environ.get("HELPDESK_WHATSAPP", "+39 300 000 0000")
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = ATTACHMENT_MAX_BYTES + 1_048_576

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "approdo.api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "approdo.api.problems.problem_exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_FILTER_BACKENDS": [],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Approdo API",
    "DESCRIPTION": (
        "API of the PSI network (Poli Sociali Integrati): reads scoped like the pages; writes "
        "for the field outreach sync and helpdesk contacts."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Node.kind and Procedure.kind would otherwise collide in one generated enum name.
    "ENUM_NAME_OVERRIDES": {
        "NodeKindEnum": "approdo.network.models.NodeKind",
        "ScreeningStatusEnum": "approdo.screening.models.ScreeningStatus",
        "ObservationEnum": "approdo.screening.models.Observation",
        "PresenceEnum": "approdo.screening.models.Presence",
        "PriorityEnum": "approdo.screening.models.Priority",
        "ScreeningSourceEnum": "approdo.screening.models.Source",
        "StageEnum": "approdo.cases.stages.Stage",
        "ExternalBodyKindEnum": "approdo.cases.models.ExternalBodyKind",
        "CaseEventKindEnum": "approdo.cases.models.EventKind",
        "ReferralStatusEnum": "approdo.cases.models.ReferralStatus",
        "TransferStatusEnum": "approdo.cases.models.TransferStatus",
        "PlanVersionStatusEnum": "approdo.plans.models.VersionStatus",
        "PlanActionStatusEnum": "approdo.plans.models.ActionStatus",
        "PersonSexEnum": "approdo.people.models.Sex",
        "HeadcountSexEnum": "approdo.outreach.models.Sex",
        "HelpdeskContactStatusEnum": "approdo.helpdesk.models.ContactStatus",
        "OutreachSessionStatusEnum": "approdo.outreach.models.SessionStatus",
        "SyncStatusEnum": "approdo.outreach.sync.SyncStatus",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
