"""Login throttling per account across addresses (password spraying).

django-axes locks a username from one address after AXES_FAILURE_LIMIT failures (settings.py). Someone
trying one password on an account from many addresses never reaches that limit at any one of them; this
handler also counts the account's failures from every address within the cool-off window, and locks the
account (from every address, as axes does: 429 and the locked-out page) past
SAJJA_LOGIN_ACCOUNT_FAILURE_LIMIT, a higher threshold so that one attacker cannot lock a person out with
a handful of tries.
"""

from __future__ import annotations

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum

DEFAULT_ACCOUNT_FAILURE_LIMIT = 20


def account_failure_limit() -> int:
    return int(getattr(settings, "SAJJA_LOGIN_ACCOUNT_FAILURE_LIMIT", DEFAULT_ACCOUNT_FAILURE_LIMIT))


def account_failures(request, credentials=None) -> int:
    """Failed logins of this username, from every address, within the cool-off window."""
    username = get_client_username(request, credentials)
    if not username:
        return 0
    attempts = AccessAttempt.objects.filter(username=username)
    threshold = get_cool_off_threshold(request)
    if threshold is not None:
        attempts = attempts.filter(attempt_time__gte=threshold)
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


class AccountAndAddressHandler(AxesDatabaseHandler):
    """Axes' database handler, also locking an account failed too often across addresses."""

    def is_locked(self, request, credentials=None) -> bool:
        if super().is_locked(request, credentials):
            return True
        if account_failures(request, credentials) < account_failure_limit():
            return False
        # flag the request as axes does for its own lockouts: its middleware answers 429 with the page
        request.axes_locked_out = True
        request.axes_credentials = credentials
        return True
