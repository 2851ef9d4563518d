"""System checks for configuration mistakes that would put members' data at risk."""

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security)
def check_id_key(app_configs, **kwargs):
    try:
        Fernet(settings.SAJJA_ID_KEY.encode())
    except (ValueError, TypeError):
        return [
            Error(
                "SAJJA_ID_KEY is not a valid Fernet key",
                id="sajja.E001",
                hint="Generate one with: python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())'",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_secrets_from_environment(app_configs, **kwargs):
    problems = []
    if settings.SAJJA_SECRETS_FROM_FILE:
        problems.append(
            Warning(
                "Secrets come from the local file .sajja-secrets.json, not the environment",
                hint=(
                    "Fine for the demo; in production set SAJJA_SECRET_KEY, SAJJA_ID_KEY, SAJJA_ID_HASH_KEY"
                    " and SAJJA_AUDIT_KEY (the audit chain's key: whoever holds it with the database can"
                    " rewrite the chain, so keep it, like the others, off the server's disk and backups)."
                ),
                id="sajja.W001",
            )
        )
    return problems


@register(Tags.database)
def check_sqlite_wal(app_configs, databases=None, **kwargs):
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3") and "journal_mode=WAL" not in db.get("OPTIONS", {}).get(
        "init_command", ""
    ):
        return [Warning("SQLite without WAL: readers will block the writer", id="sajja.W002")]
    return []
