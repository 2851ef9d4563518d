"""The month-end close survives being killed: `sajja close-month` runs as a real process against the test
database and is ended abruptly (SIGKILL, or os._exit at a named step); run again, it leaves exactly the
state an uninterrupted run leaves on identical data, and a kill never leaves half a close behind.

Identical data: funds built from the same seed (bench.contributions_close.build_fund), compared by
member number and group code rather than by row ids.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import pytest
from bench.contributions_close import build_fund
from django.core.management import call_command

from sajja.access.policy import SYSTEM
from sajja.audit.models import AuditEvent
from sajja.contributions.models import GroupMonthSummary, MemberMonthStanding, MonthClose
from sajja.contributions.month_end.services import FAULT_VARIABLE, PAUSE_VARIABLE, STEPS, close_through
from sajja.ledger.models import ClosedPeriod, Entry
from sajja.registry.models import Member, MemberStatusChange, Network
from tests.audit.console import REPO, database_url, run_verify

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
PERIOD = "2026-10"
SEED = 7
FAULT_EXIT = 70


def fund_of(code: str, members: int):
    network, _ = Network.objects.get_or_create(code="kill", defaults={"name_th": "kill"})
    fund = build_fund(network, code, members, SEED)[0]
    close_through(SYSTEM, fund, "2026-09")  # months close oldest first: every month before PERIOD
    return fund


def close_process(code: str, fault: str | None = None, pause: float | None = None) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database_url()}
    for name in ("DJANGO_SETTINGS_MODULE", FAULT_VARIABLE, PAUSE_VARIABLE):
        env.pop(name, None)
    if fault:
        env[FAULT_VARIABLE] = fault
    if pause:
        env[PAUSE_VARIABLE] = str(pause)
    command = [str(Path(sys.executable).parent / "sajja"), "close-month", "--fund", code, "--period", PERIOD]
    return subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def close(code: str, fault: str | None = None) -> tuple[int, str]:
    process = close_process(code, fault)
    out, err = process.communicate(timeout=300)
    return process.returncode, out + err


def state(fund) -> dict:
    """Everything a close writes, without ids or clock times."""
    closes = MonthClose.objects.filter(fund=fund).order_by("-period")  # PERIOD's first, once closed
    return {
        "locked": list(ClosedPeriod.objects.filter(fund=fund).values_list("period", flat=True)),
        "close": list(
            closes.values_list(
                "period",
                "month_end",
                "rules_version",
                "expected",
                "collected",
                "members_active",
                "members_in_arrears",
                "members_lapsed",
                "status_changes",
            )
        ),
        "groups": sorted(
            GroupMonthSummary.objects.filter(close__fund=fund).values_list(
                "group__code",
                "expected",
                "collected",
                "members_active",
                "members_in_arrears",
                "members_lapsed",
            ),
            key=str,
        ),
        "standings": sorted(
            MemberMonthStanding.objects.filter(close__fund=fund).values_list(
                "member__number", "paid_total", "paid_through", "standing", "arrears"
            )
        ),
        "members": sorted(Member.objects.filter(fund=fund).values_list("number", "status", "status_since")),
        "history": sorted(
            MemberStatusChange.objects.filter(member__fund=fund).values_list(
                "member__number", "status", "effective_on", "note"
            )
        ),
        "audit": list(
            AuditEvent.objects.filter(fund_id=fund.pk).order_by("seq").values_list("action", "object_type")
        ),
        "entries": Entry.objects.filter(fund=fund).count(),
    }


@pytest.fixture(autouse=True)
def no_projections_here():
    """The sustainability area recomputes projections after every committed change (a worker's job in
    production); in this test process that would only slow the builds down, so its hook is off here."""
    from django.db.models.signals import post_save

    from sajja.sustainability.signals import audit_event_saved

    uid = "sustainability-queue"
    post_save.disconnect(sender=AuditEvent, dispatch_uid=uid)
    yield
    post_save.connect(audit_event_saved, sender=AuditEvent, dispatch_uid=uid)


def close_here(code: str) -> None:
    """The same command, run in this process (the reruns, and the reference runs)."""
    call_command("close-month", "--fund", code, "--period", PERIOD, stdout=StringIO())


def test_killed_at_each_step_and_run_again_it_ends_as_an_uninterrupted_close():
    reference_fund = fund_of("kill-ref", 60)
    close_here("kill-ref")
    reference = state(reference_fund)
    # the month is worth closing: members in every standing, and lapses for the registry
    assert all(reference["close"][0][5:9]), reference["close"]
    for step in [*STEPS, "committed"]:
        fund = fund_of(f"kill-{step.replace('_', '-')}", 60)
        before = state(fund)
        code, output = close(fund.code, fault=step)
        assert code == FAULT_EXIT, output
        # killed before its commit, nothing of the close is kept; killed after it, the close is whole
        assert state(fund) == (reference if step == "committed" else before), step
        close_here(fund.code)
        assert state(fund) == reference, step
    assert run_verify()[0] is None  # the audit chain still verifies


def started(process: subprocess.Popen) -> float:
    """Wait for the command to say on stderr that it is closing; the time it said so."""
    seen = []
    while not seen or "closing" not in seen[-1]:
        seen.append(process.stderr.readline())
        assert seen[-1], "".join(seen)  # the command ended without starting the close
    return time.perf_counter()


@pytest.mark.parametrize("seed", [20261031], ids=lambda seed: f"seed={seed}")
def test_killed_at_random_times_it_keeps_all_or_nothing_and_ends_as_an_uninterrupted_close(seed):
    """Each step of the close waits PAUSE seconds, so a kill at a random time within them lands inside the
    close's transaction, wherever it happens to be. The times are drawn from `seed` (in the test's id and
    its messages), so a failure's kills can be asked for again."""
    pause = 0.15
    members = 400
    reference_fund = fund_of("rand-ref", members)
    close_here("rand-ref")
    reference = state(reference_fund)
    fund = fund_of("rand-kill", members)
    before = state(fund)
    rng = random.Random(seed)
    kills = []
    for _ in range(3):
        process = close_process(fund.code, pause=pause)
        started(process)
        delay = rng.uniform(0, pause * len(STEPS))
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        now = state(fund)
        kills.append((round(delay, 3), "none" if now == before else "all" if now == reference else "part"))
        assert now in (before, reference), (
            f"seed {seed}: a kill {delay:.3f} s into the close left part of it: {kills}"
        )
    close_here(fund.code)
    assert state(fund) == reference, f"seed {seed}: killed at {kills} (s into the close, what was kept)"
