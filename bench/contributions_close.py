"""Month-end close of a 38,000-member network of 60 funds vs. a per-member ORM loop (same process).

The network is built set-based (bulk inserts; payments through the ledger's bulk path), from a seed:
members join between 2023 and October 2026 and pay monthly, quarterly or yearly; a quarter of them
stop paying at some point, so the close finds members active, in arrears and lapsed. October 2026 is
then closed for every fund. The baseline closes the same month of a few identical funds one member
at a time through the ORM, and is scaled to the network's size; both must agree on every standing.

    .venv/bin/python -m bench.contributions_close [--funds 60] [--members 38000] [--baseline-funds 3]
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import tempfile
import time

D = datetime.date
CLOSED_MONTH = (2026, 10)
TODAY = D(2026, 11, 26)
LAST_PAYMENT = D(2026, 11, 20)
PLANS = [(30_00, 1, 0.45), (90_00, 3, 0.3), (365_00, 12, 0.25)]  # satang, every N months, share


def _add_months(day: datetime.date, months: int) -> datetime.date:
    years, month0 = divmod(day.month - 1 + months, 12)
    return D(day.year + years, month0 + 1, min(day.day, 28))


def build_fund(network, code: str, members: int, seed: int, groups: int = 8):
    """One fund of `members` members with their payments, written set-based. Same seed, same fund."""
    from django.db import transaction

    from sajja.access.policy import SYSTEM
    from sajja.audit.records import MEMBER, PERSON, digests
    from sajja.audit.services import record_many
    from sajja.core.ledger.chart import CASH, MEMBER_CONTRIBUTIONS, member_account_code
    from sajja.core.ledger.records import Entry, Posting
    from sajja.ledger.models import Account
    from sajja.ledger.services import open_fund_books, post_entries
    from sajja.registry.models import Fund, Group, Member, Person

    rng = random.Random(seed)
    fund = Fund.objects.create(network=network, code=code, name_th=code, founded_on=D(2023, 1, 1))
    open_fund_books(fund)
    group_rows = Group.objects.bulk_create(
        Group(fund=fund, code=f"G{g:02d}", name=f"หมู่ {g}", moo=g) for g in range(1, groups + 1)
    )
    people = Person.objects.bulk_create(
        (
            Person(
                national_id_encrypted=b"",
                national_id_hash=f"bench-{code}-{n}",
                first_name=f"สมาชิก{n}",
                last_name=code,
                birth_date=D(1950, 1, 1) + datetime.timedelta(days=rng.randrange(20_000)),
                sex=rng.choice("FM"),
            )
            for n in range(members)
        ),
        batch_size=2000,
    )
    rows = []
    for n, person in enumerate(people, start=1):
        joined = D(2023, 1, 1) + datetime.timedelta(
            days=rng.randrange((D(2026, 10, 31) - D(2023, 1, 1)).days)
        )
        ended = rng.random() < 0.01
        rows.append(
            Member(
                fund=fund,
                group=group_rows[rng.randrange(groups)] if rng.random() < 0.98 else None,
                person=person,
                number=f"{n:06d}",
                joined_on=joined,
                status="resigned" if ended else "active",
                status_since=joined + datetime.timedelta(days=30) if ended else joined,
            )
        )
    member_rows = Member.objects.bulk_create(rows, batch_size=2000)
    # Written set-based, as a bulk enrolment would be: each person and member under its audit event,
    # whose digest covers the row as stored (`audit verify` checks them).
    with transaction.atomic():
        for action, kind, pks in (
            ("registry.person.create", PERSON, [p.pk for p in people]),
            ("registry.member.enrol", MEMBER, [m.pk for m in member_rows]),
        ):
            record_many(SYSTEM, action, kind.object_type, digests(kind, pks), fund_id=fund.pk)
    control = Account.objects.get(fund=fund, code=MEMBER_CONTRIBUTIONS)
    Account.objects.bulk_create(
        (
            Account(
                fund=fund,
                code=member_account_code(m.number),
                name_th=f"สมาชิก {m.number}",
                name_en=f"Member {m.number}",  # as open_member_account names it (audit verify checks)
                kind="income",
                parent=control,
                member=m,
            )
            for m in member_rows
        ),
        batch_size=2000,
    )
    entries = []
    for m in member_rows:
        amount, every, _ = rng.choices(PLANS, weights=[p[2] for p in PLANS])[0]
        stop = LAST_PAYMENT
        if rng.random() < 0.25:
            stop = m.joined_on + datetime.timedelta(
                days=rng.randrange(max((LAST_PAYMENT - m.joined_on).days, 1))
            )
        if m.status == "resigned":
            stop = min(stop, m.status_since)
        step, day = 0, m.joined_on
        while day <= stop:
            entries.append(
                Entry(
                    day,
                    f"เงินสัจจะ สมาชิก {m.number}",
                    (Posting(CASH, amount), Posting(member_account_code(m.number), -amount)),
                    "contribution",
                    f"bench:{m.number}:{step}",
                )
            )
            step += 1
            day = _add_months(m.joined_on, step * every)
    post_entries(SYSTEM, fund, entries)
    return fund, len(entries)


def shares(funds: int, members: int) -> list[int]:
    """`members` shared among `funds` funds as evenly as they go."""
    return [members // funds + (1 if i < members % funds else 0) for i in range(funds)]


def build_network(code: str, sizes: list[int], seed: int = 2569):
    """One fund per size; fund i is seeded with seed + i, so two networks of the same sizes are twins."""
    from sajja.registry.models import Network

    network = Network.objects.create(code=code, name_th=code)
    built, entries = [], 0
    for i, size in enumerate(sizes):
        fund, n = build_fund(network, f"{code}-{i:02d}", size, seed + i)
        built.append(fund)
        entries += n
    return built, entries


def close_all(funds) -> tuple[float, float]:
    """Wall-clock and CPU seconds (SQLite works in this process: its CPU counts) of closing every fund."""
    from sajja.access.policy import SYSTEM
    from sajja.contributions.month_end.services import close_month, close_through

    for fund in funds:  # months close oldest first: every month before the one timed, untimed
        close_through(SYSTEM, fund, (CLOSED_MONTH[0], CLOSED_MONTH[1] - 1), today=TODAY)
    started, cpu = time.perf_counter(), time.process_time()
    for fund in funds:
        close_month(SYSTEM, fund, CLOSED_MONTH, today=TODAY)
    return time.perf_counter() - started, time.process_time() - cpu


def per_member(funds) -> tuple[float, float]:
    """The naive close: for each member, a query for what they paid, one for what they paid in the
    month, and a row saved at a time (standings, status changes, summaries)."""
    from django.db import transaction
    from django.db.models import Sum
    from django.utils import timezone

    from sajja.contributions.models import GroupMonthSummary, MemberMonthStanding, MonthClose
    from sajja.contributions.month_end.derive import ENDED
    from sajja.contributions.rules import rule_book
    from sajja.ledger.models import Line
    from sajja.ledger.selectors import period_end
    from sajja.ledger.services import close_period
    from sajja.registry.models import Group, Member, MemberStatusChange
    from sajja.schemes.contributions import Standing

    LAPSED = Standing.LAPSED.value  # the standing, and the registry status it gives (both "lapsed")

    year, month = CLOSED_MONTH
    first, last = D(year, month, 1), period_end(year, month)
    started, cpu = time.perf_counter(), time.process_time()
    for fund in funds:
        with transaction.atomic():
            from sajja.access.policy import SYSTEM

            close_period(SYSTEM, fund, year, month)
            book = rule_book(fund)
            c = book.on(last).contributions
            close = MonthClose.objects.create(
                fund=fund, period=year * 100 + month, month_end=last, expected=0, collected=0,
                members_active=0, members_in_arrears=0, members_lapsed=0, status_changes=0,
                closed_at=timezone.now(),
            )  # fmt: skip
            totals = {}
            for m in Member.objects.filter(fund=fund):
                lines = Line.objects.filter(account__member=m)
                paid = -(lines.filter(entry__date__lte=last).aggregate(s=Sum("amount"))["s"] or 0)
                month_paid = -(
                    lines.filter(entry__date__range=(first, last)).aggregate(s=Sum("amount"))["s"] or 0
                )
                t = totals.setdefault(m.group_id, [0, 0, 0, 0, 0])
                t[1] += month_paid
                if m.joined_on > last or (m.status in ENDED and m.status_since <= last):
                    continue
                paid_to = book.paid_through(m.joined_on, paid)
                standing = c.standing(paid_to, last).value
                MemberMonthStanding.objects.create(
                    close=close, member=m, paid_total=paid, paid_through=paid_to, standing=standing,
                    arrears=book.cost(paid_to + datetime.timedelta(days=1), last),
                )  # fmt: skip
                if standing == LAPSED and m.status == "active":
                    m.status, m.status_since = LAPSED, max(c.lapses_on(paid_to), m.status_since)
                    m.save()
                    MemberStatusChange.objects.create(member=m, status=LAPSED, effective_on=m.status_since)
                t[{"paid_up": 2, "in_arrears": 3, "lapsed": 4}[standing]] += 1
                if standing != LAPSED:
                    t[0] += book.cost(max(m.joined_on, first), last)
            for group in [*Group.objects.filter(fund=fund), None]:
                t = totals.get(group.pk if group else None)
                if t:
                    GroupMonthSummary.objects.create(
                        close=close, group=group, expected=t[0], collected=t[1],
                        members_active=t[2], members_in_arrears=t[3], members_lapsed=t[4],
                    )  # fmt: skip
    return time.perf_counter() - started, time.process_time() - cpu


def _standings(funds) -> list[tuple]:
    from sajja.contributions.models import MemberMonthStanding

    rows = MemberMonthStanding.objects.filter(close__fund__in=funds).values_list(
        "close__fund__code", "member__number", "paid_total", "paid_through", "standing", "arrears"
    )
    return sorted((code.rsplit("-", 1)[1], *rest) for code, *rest in rows)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--funds", type=int, default=60)
    parser.add_argument("--members", type=int, default=38_000)
    parser.add_argument("--baseline-funds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sajja-bench-") as home:
        from bench.run import setup_django

        setup_django(home)
        from django.db import connection
        from django.db.models.signals import post_save

        from sajja.audit.models import AuditEvent

        # Projections follow changes through a worker's queue in production; without one they would run
        # inside each commit, so the hook is off here and the figures time the close itself.
        post_save.disconnect(sender=AuditEvent, dispatch_uid="sustainability-queue")

        started = time.perf_counter()
        sizes = shares(args.funds, args.members)
        funds, entries = build_network("net", sizes)
        few = args.baseline_funds
        twins, _ = build_network("twin", sizes[:few])
        built = time.perf_counter() - started
        print(f"database: {connection.vendor}; built {args.members:,} members in {args.funds} funds")
        print(f"with {entries:,} payments in {built:.1f} s; closing {CLOSED_MONTH[0]}-{CLOSED_MONTH[1]:02d}")
        sample = sum(sizes[:few])
        naive, naive_cpu = per_member(twins)
        fast, fast_cpu = close_all(funds)
        if _standings(funds[:few]) != _standings(twins):
            print("the baseline and the close disagree: no figures", file=sys.stderr)
            return 1
        scale = args.members / sample
        rows = [
            (f"per-member ORM loop, {few} funds (baseline)", sample, naive, naive_cpu, 1.0, ""),
            ("  the same, scaled to the network", args.members, naive * scale, naive_cpu * scale, 1.0, ""),
            (
                f"close_month, all {args.funds} funds (set-based)",
                args.members,
                fast,
                fast_cpu,
                naive * scale / fast,
                "< 10 s",
            ),
        ]
        print(
            f"\n| {'benchmark':<44} | {'members':>8} | {'seconds':>8} | {'cpu s':>7} | {'members/s':>10}"
            f" | {'ratio':>7} | target |"
        )
        print(f"|{'-' * 46}|{'-' * 10}|{'-' * 10}|{'-' * 9}|{'-' * 12}|{'-' * 9}|--------|")
        for name, count, seconds, cpu, ratio, target in rows:
            print(
                f"| {name:<44} | {count:>8,} | {seconds:>8.2f} | {cpu:>7.2f} | {count / seconds:>10,.0f}"
                f" | {ratio:>6.1f}× | {target} |"
            )
        met = "met" if fast < 10 else "NOT met"
        print(f"\nclose target {met}: {fast:.2f} s ({fast_cpu:.2f} s of CPU) for {args.members:,} members")
        print("seconds are wall-clock; on a shared machine the CPU column shows the close's own work")
    return 0


if __name__ == "__main__":
    sys.exit(main())
