"""Login throttling per account across addresses (password spraying).

django-axes locks a username from one address after AXES_FAILURE_LIMIT failures (settings.py). Someone
trying one password on an account from many addresses never reaches that limit at any one of them; this
handler also counts the account's failures from every address within the cool-off window, and locks the
account (from every address, as axes does: 429 and the locked-out page) past
SAJJA_LOGIN_ACCOUNT_FAILURE_LIMIT, a higher threshold so that one attacker cannot lock a person out with
a handful of tries.

Locking an account from everywhere would let anyone keep a person out with a few tries every quarter of
an hour. So an address from which this account logged in successfully within SAJJA_LOGIN_KNOWN_ADDRESS_DAYS
(axes' log of successful logins) is not locked by the account's limit: the treasurer at the fund's own
office still gets in, while the sprayer's many new addresses are refused. The per-address limit of axes
still holds there too.
"""

from __future__ import annotations

import datetime

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_ip_address, get_client_username
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

DEFAULT_ACCOUNT_FAILURE_LIMIT = 20
DEFAULT_KNOWN_ADDRESS_DAYS = 30


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


def known_address(request, credentials=None) -> bool:
    """Whether this account logged in successfully from this address lately."""
    username = get_client_username(request, credentials)
    address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    if not username or not address:
        return False
    days = int(getattr(settings, "SAJJA_LOGIN_KNOWN_ADDRESS_DAYS", DEFAULT_KNOWN_ADDRESS_DAYS))
    since = timezone.now() - datetime.timedelta(days=days)
    return AccessLog.objects.filter(username=username, ip_address=address, attempt_time__gte=since).exists()


class AccountAndAddressHandler(AxesDatabaseHandler):
    """Axes' database handler, also locking an account failed too often across addresses."""

    def is_locked(self, request, credentials=None) -> bool:
        if super().is_locked(request, credentials):
            return True
        if account_failures(request, credentials) < account_failure_limit():
            return False
        if known_address(request, credentials):
            return False  # the account's own recent address: only the per-address limit applies
        # flag the request as axes does for its own lockouts: its middleware answers 429 with the page
        request.axes_locked_out = True
        request.axes_credentials = credentials
        return True
