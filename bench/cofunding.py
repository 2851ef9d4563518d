"""Co-funding entitlement of a 38,000-member network for fiscal year 2569 vs. a per-member ORM loop (same
process), and of one fund of 38,000 members.

The network is built as the month-end close's bench builds it (bench.contributions_close: 60 funds, members
joining between 2023 and October 2026, paying monthly, quarterly or yearly, a quarter of them stopping at
some point); each fund gets its villages, its registration and the CODI welfare template, and the twelve
months of the year are marked closed (their close is that bench's subject, not this one's). The entitlement
is computed set-based for every fund (`selectors.entitlement`: the register, the year's payments, the
matched years, the fund's facts and its own part of the audit chain, then the pure computation). The
baseline reads the same rows one member at a time through the ORM (a query for what they paid, one for
their status at the year's end, one for their matched years) for a few funds and is scaled to the network;
both must give the same member lines (their digest).

    .venv/bin/python -m bench.cofunding [--funds 60] [--members 38000] [--baseline-funds 3] [--no-single]
"""

from __future__ import annotations

import argparse
import datetime
import gc
import sys
import tempfile
import time

from bench.contributions_close import build_network, shares

D = datetime.date
TODAY = D(2026, 11, 26)
TARGET = 2.0  # seconds, for the whole network


def prepare(funds) -> None:
    """Villages, registration, the CODI scheme and the year's months marked closed, for each fund."""
    from django.utils import timezone

    from sajja.access.policy import SYSTEM
    from sajja.cofunding.services_fund import ProfileData, set_profile
    from sajja.contributions.models import MonthClose
    from sajja.schemes.cofunding import FiscalYear
    from sajja.welfare.services import adopt_template

    months = FiscalYear(2026).months()
    for fund in funds:
        adopt_template(SYSTEM, fund, "codi", effective_from=D(2023, 1, 1))
        villages = tuple((n, f"หมู่ {n}") for n in range(1, 11))  # eight of ten have members
        set_profile(SYSTEM, fund, ProfileData("tambon", D(2023, 6, 1), "พอช.", "", villages), today=TODAY)
        MonthClose.objects.bulk_create(
            MonthClose(
                fund=fund,
                period=y * 100 + m,
                month_end=D(y, m, 28),
                expected=0,
                collected=0,
                members_active=0,
                members_in_arrears=0,
                members_lapsed=0,
                status_changes=0,
                closed_at=timezone.now(),
            )
            for y, m in months
        )


def set_based(funds) -> tuple[float, float, list]:
    from sajja.cofunding.selectors import entitlement

    started, cpu = time.perf_counter(), time.process_time()
    results = [entitlement(fund, 2569, today=TODAY) for fund in funds]
    return time.perf_counter() - started, time.process_time() - cpu, results


def per_member(funds) -> tuple[float, float, list[str]]:
    """The naive read: for each member, what they paid, their status at the year's end and their matched
    years, a query each; then the same pure computation."""
    from django.db.models import Count, Sum

    from sajja.cofunding.chain import fund_chain_intact
    from sajja.cofunding.models import RequestLine
    from sajja.cofunding.reading import fund_facts
    from sajja.cofunding.records import lines_digest
    from sajja.cofunding.selectors import policy_of, profile_of
    from sajja.ledger.models import Line
    from sajja.registry.models import Member, MemberStatusChange
    from sajja.schemes.cofunding import FiscalYear, MemberRow, compute_entitlement

    fy = FiscalYear(2026)
    digests = []
    started, cpu = time.perf_counter(), time.process_time()
    for fund in funds:
        profile = profile_of(fund)
        rows, villages = [], {}
        for m in Member.objects.filter(fund=fund, joined_on__lte=fy.end).select_related("group", "person"):
            lines = Line.objects.filter(account__member=m, entry__date__gte=fy.start, entry__date__lte=fy.end)
            paid = -(lines.aggregate(s=Sum("amount"))["s"] or 0)
            status, since = m.status, m.status_since
            if since > fy.end:
                last = (
                    MemberStatusChange.objects.filter(member=m, effective_on__lte=fy.end)
                    .order_by("-effective_on", "-id")
                    .first()
                )
                status, since = (last.status, last.effective_on) if last else ("active", m.joined_on)
            matched = RequestLine.objects.filter(
                member=m, request__fiscal_year__lt=fy.ce, reasons="", matched__gt=0
            ).aggregate(n=Count("request__fiscal_year", distinct=True))["n"]
            rows.append(MemberRow(m.pk, m.number, m.joined_on, status, since, paid, matched))
            villages[m.pk] = m.group.moo if m.group else m.person.moo
        from sajja.cofunding.reading import Register

        register = Register(rows, villages)
        present = {r.member_id for r in rows if r.status == "active" or r.status_since > fy.end}
        facts = fund_facts(fund, fy, profile, register, present, fund_chain_intact(fund))
        result = compute_entitlement(policy_of(profile), fy, facts, rows)
        digests.append(
            lines_digest(
                (line.row.member_id, line.row.paid, tuple(r.value for r in line.reasons), line.amounts)
                for line in result.lines
            )
        )
    return time.perf_counter() - started, time.process_time() - cpu, digests


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--funds", type=int, default=60)
    parser.add_argument("--members", type=int, default=38_000)
    parser.add_argument("--baseline-funds", type=int, default=3)
    parser.add_argument(
        "--no-single", action="store_true", help="leave out the one fund of --members members"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sajja-bench-") as home:
        from bench.run import setup_django

        setup_django(home)
        from django.db import connection
        from django.db.models.signals import post_save

        from sajja.audit.models import AuditEvent

        # Projections follow changes through a worker's queue in production: the hook is off here.
        post_save.disconnect(sender=AuditEvent, dispatch_uid="sustainability-queue")

        started = time.perf_counter()
        sizes = shares(args.funds, args.members)
        funds, entries = build_network("net", sizes)
        single, single_entries = ([], 0) if args.no_single else build_network("one", [args.members], seed=9)
        prepare(funds + single)
        built = time.perf_counter() - started
        print(f"database: {connection.vendor}; built {args.members:,} members in {args.funds} funds")
        print(
            f"(and {'no' if args.no_single else f'{args.members:,} in'} one fund) with {entries + single_entries:,}"
        )
        print(f"payments in {built:.1f} s; entitlement of fiscal year 2569 (1 Oct 2025 - 30 Sep 2026)")
        few = args.baseline_funds
        # The build leaves a million objects behind: collected and frozen, so that the cycle collector does not
        # charge their walk to the figures (a server answering the request would not hold them).
        gc.collect()
        gc.freeze()
        naive, naive_cpu, naive_digests = per_member(funds[:few])
        fast, fast_cpu, results = set_based(funds)
        if [r.lines_digest for r in results[:few]] != naive_digests:
            print("the baseline and the set-based read disagree: no figures", file=sys.stderr)
            return 1
        counted = sum(r.result.counted for r in results)
        sample = sum(sizes[:few])
        scale = args.members / sample
        rows = [
            (f"per-member ORM loop, {few} funds (baseline)", sample, naive, naive_cpu, 1.0, ""),
            ("  the same, scaled to the network", args.members, naive * scale, naive_cpu * scale, 1.0, ""),
            (
                f"entitlement, all {args.funds} funds (set-based)",
                args.members,
                fast,
                fast_cpu,
                naive * scale / fast,
                "< 2 s",
            ),
        ]
        if single:
            one, one_cpu, _ = set_based(single)
            rows.append(
                (
                    f"entitlement, one fund of {args.members:,}",
                    args.members,
                    one,
                    one_cpu,
                    naive * scale / one,
                    "< 2 s",
                )
            )
        print(
            f"\n| {'benchmark':<44} | {'members':>8} | {'seconds':>8} | {'cpu s':>7} | {'members/s':>10}"
            f" | {'ratio':>7} | target |"
        )
        print(f"|{'-' * 46}|{'-' * 10}|{'-' * 10}|{'-' * 9}|{'-' * 12}|{'-' * 9}|--------|")
        for name, count, seconds, cpu, ratio, target in rows:
            print(
                f"| {name:<44} | {count:>8,} | {seconds:>8.2f} | {cpu:>7.2f} | {count / seconds:>10,.0f}"
                f" | {ratio:>6.1f}× | {target:<6} |"
            )
        worst = max(r[2] for r in rows[2:])
        met = "met" if worst < TARGET else "NOT met"
        print(f"\nentitlement target {met}: {fast:.2f} s for the network, {counted:,} members counted")
        print("seconds are wall-clock; on a shared machine the CPU column shows the computation's own work")
    return 0


if __name__ == "__main__":
    sys.exit(main())
