"""Django settings. Everything that differs between machines comes from the environment.

DATABASE_URL       default: SQLite file `sajja.sqlite3` in the working directory (WAL, synchronous=FULL)
SAJJA_SECRET_KEY   Django's signing key
SAJJA_ID_KEY       Fernet key that encrypts national IDs at rest
SAJJA_ID_HASH_KEY  key of the HMAC that finds a person by national ID
SAJJA_DEBUG        "1" for development
SAJJA_ALLOWED_HOSTS comma-separated host names
Without the three keys, a local file of generated keys (`.sajja-secrets.json`, mode 0600) is used and a
system check warns: fine for the demo, not for production.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.db.backends.signals import connection_created

from sajja.private_files import protect_sqlite_files
from sajja.secrets import load_secrets

BASE_DIR = Path(__file__).resolve().parent
WORK_DIR = Path(os.environ.get("SAJJA_HOME", os.getcwd()))

SECRETS = load_secrets(WORK_DIR)
SECRET_KEY = SECRETS.secret_key
SAJJA_ID_KEY = SECRETS.id_key
SAJJA_ID_HASH_KEY = SECRETS.id_hash_key
SAJJA_AUDIT_KEY = SECRETS.audit_key  # HMAC key of the audit chain (environment or the local secrets file)
SAJJA_SECRETS_FROM_FILE = SECRETS.from_file

DEBUG = os.environ.get("SAJJA_DEBUG", "") == "1"
ALLOWED_HOSTS = [
    h for h in os.environ.get("SAJJA_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "sajja.audit",
    "sajja.access",
    "sajja.registry",
    "sajja.ledger",
    "sajja.welfare",
    "sajja.contributions",
    "sajja.meetings",
    "sajja.knowledge",
    "sajja.sustainability",
    "sajja.cofunding",
    "sajja.rollup",
    "sajja.pooling",
    "sajja.web",
    "sajja.ops",
]

MIDDLEWARE = [
    # first: every error under /api/, Django's own 400s included, in the API's JSON error shape
    "sajja.web.middleware.ApiErrorShapeMiddleware",
    # Answers compressed (the month-end close: 20 KB, 2 KB gzipped). BREACH guesses a secret on a page (a
    # national ID, a token) from the sizes of many compressed answers that echo the guess (every page echoes
    # its address in the language switch): it needs another site to send those requests with the victim's
    # session. The session cookie is SameSite=Lax (Django's default), so another site's scripts send none;
    # the CSRF token is masked afresh in every answer; GZipMiddleware pads each answer by a random length
    # (Heal the BREACH); the API answers to bearer tokens, which no other site can make a browser send.
    "django.middleware.gzip.GZipMiddleware",
    # no-store on every answer, a Content-Security-Policy on every page
    "sajja.web.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # the style sheet and the icon, cached a year, before sessions and logins (sajja.web.assets)
    "sajja.web.assets.StaticAssetsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sajja.web.middleware.ThaiFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "sajja.web.middleware.DomainErrorMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "sajja.urls"
WSGI_APPLICATION = "sajja.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database() -> dj_database_url.DBConfig:
    url = os.environ.get("DATABASE_URL")
    config: dj_database_url.DBConfig
    if url:
        config = dj_database_url.parse(url, conn_max_age=0)
    else:
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(WORK_DIR / "sajja.sqlite3")}
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of failing mid-way.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
        }
        # Tests use a file (not memory) so that WAL and concurrent connections behave as in production.
        default_test = os.path.join(tempfile.gettempdir(), f"sajja-test-{os.getpid()}.sqlite3")
        config.setdefault("TEST", {})["NAME"] = os.environ.get("SAJJA_TEST_SQLITE", default_test)
    elif config["ENGINE"].startswith("django.db.backends.postgresql"):
        # A write waits at most this long for a lock held by another (as SQLite's busy timeout above);
        # past it the statement fails and the request answers 503 "busy, try again" (sajja.api.busy).
        config.setdefault("OPTIONS", {}).setdefault("options", "-c lock_timeout=20000")
    return config


DATABASES = {"default": _database()}
# The SQLite file and its -wal/-shm readable by the owner only (0600), whatever the umask: set on every new
# connection (sajja.private_files). PostgreSQL keeps its files under its own server's rights.
connection_created.connect(protect_sqlite_files, dispatch_uid="sajja-sqlite-owner-only")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

# One style sheet and one icon (sajja/web/static), served by sajja.web.assets.StaticAssetsMiddleware at
# /static/<name>?v=<hash of the content>, cached a year: no collectstatic step, no other server to set up.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "web" / "static"  # where they are (and what a test's live server serves)

LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "registry:home"
LOGOUT_REDIRECT_URL = "web:login"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Login throttling (django-axes): five failures lock the username from that address for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
# Password spraying: one account tried from many addresses. Past this many failures of one username from
# all addresses together within the same 15 minutes, the account is locked from every address
# (sajja.web.throttle). Higher than the per-address limit, so that a few tries cannot lock a person out.
AXES_HANDLER = "sajja.web.throttle.AccountAndAddressHandler"
SAJJA_LOGIN_ACCOUNT_FAILURE_LIMIT = int(os.environ.get("SAJJA_LOGIN_ACCOUNT_FAILURE_LIMIT", "20"))
# ...except from an address this account logged in from successfully within these days (its own office).
SAJJA_LOGIN_KNOWN_ADDRESS_DAYS = int(os.environ.get("SAJJA_LOGIN_KNOWN_ADDRESS_DAYS", "30"))

# Evidence files and request bodies: one limit, so that the largest evidence file allowed can be sent
# through the API (as base64 in JSON: 4 bytes for 3, plus the rest of the body). Django refuses a body
# past DATA_UPLOAD_MAX_MEMORY_SIZE (the API answers 413 too_large, in its error shape). Files sent as
# multipart (payment imports, evidence from the page) are not held to it: each has its own limit.
SAJJA_EVIDENCE_MAX_BYTES = int(os.environ.get("SAJJA_EVIDENCE_MAX_BYTES") or 5 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = (SAJJA_EVIDENCE_MAX_BYTES + 2) // 3 * 4 + 1024 * 1024

# Beneficiaries a member may name (the issue says "up to N"; funds we know of use 1-3).
SAJJA_MAX_BENEFICIARIES = int(os.environ.get("SAJJA_MAX_BENEFICIARIES", "3"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SAJJA_LOG_LEVEL", "WARNING")},
}

# Background work (projections) runs in a worker, never in a request: `sajja db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
