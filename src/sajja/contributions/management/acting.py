"""Who a payments command acts as: `--by USERNAME` names the user who took the money (their name goes on
the receipts, the audit log records them, and their role must allow recording payments in the fund);
without it, the command-line operator, recorded as the system."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from sajja.access.policy import SYSTEM


def add_by_argument(parser) -> None:
    parser.add_argument(
        "--by", default="", help="username of who received the money (default: the operator, as the system)"
    )


def acting_user(username: str):
    if not username:
        return SYSTEM
    user = get_user_model().objects.filter(username=username.strip(), is_active=True).first()
    if user is None:
        raise CommandError(f"ไม่พบผู้ใช้ / no such user: {username}")
    return user
