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

from sajja.secrets import load_secrets

BASE_DIR = Path(__file__).resolve().parent
WORK_DIR = Path(os.environ.get("SAJJA_HOME", os.getcwd()))

SECRETS = load_secrets(WORK_DIR)
SECRET_KEY = SECRETS.secret_key
SAJJA_ID_KEY = SECRETS.id_key
SAJJA_ID_HASH_KEY = SECRETS.id_hash_key
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
    "sajja.sustainability",
    "sajja.web",
    "sajja.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
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


def _database() -> dict:
    url = os.environ.get("DATABASE_URL")
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
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"  # no static files: the CSS is inline, for one light request per page

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Login throttling (django-axes): five failures lock the username from that address for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"

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
