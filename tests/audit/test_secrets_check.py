"""The deploy check that warns of secrets read from the local file names every secret to set, the audit
chain's key among them."""

from __future__ import annotations

from sajja.registry.checks import check_secrets_from_environment


def test_the_warning_names_the_audit_key_with_the_others(settings):
    settings.SAJJA_SECRETS_FROM_FILE = True
    (warning,) = check_secrets_from_environment(None)
    for name in ("SAJJA_SECRET_KEY", "SAJJA_ID_KEY", "SAJJA_ID_HASH_KEY", "SAJJA_AUDIT_KEY"):
        assert name in warning.hint, name
    settings.SAJJA_SECRETS_FROM_FILE = False
    assert check_secrets_from_environment(None) == []
