"""Fixtures of the roll-up tests: the world of factories.py, its figures worked out as of 26 November 2026."""

from __future__ import annotations

import pytest
from django.db import transaction

from sajja.rollup.services import refresh
from tests.rollup.factories import TODAY, foreign_world, own_world, second_fund


@pytest.fixture
def network_world(
    users, scheme, own, own_member, foreign, foreign_member, fixed_today, django_capture_on_commit_callbacks
):
    """net-a (own-fund and second-fund) and net-b (foreign-fund), their figures kept as of TODAY.

    The world is written as if each write committed: the hooks' callbacks run (each refreshing its fund),
    and are then forgotten, so that a test sees the callbacks of its own writes only (the test's one
    transaction never commits)."""
    fixed_today(TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        own_world(own, own_member, users["treasurer"])
        second = second_fund()
        foreign_world(foreign, foreign_member)
    transaction.get_connection().run_on_commit.clear()
    refresh(today=TODAY)
    return {"own": own, "second": second, "foreign": foreign}
