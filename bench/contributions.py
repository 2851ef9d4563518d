"""Contributions at scale, each against a baseline run in the same process.

(a) Import of a 100,000-row payments file, CSV and XLSX: parse, validate, post (receipts, balanced
    entries, idempotency keys, audit) through the very functions of `sajja import payments`. The
    baseline posts a subset of the same rows one at a time through the ORM (find the member and their
    account, create the entry and its two lines, update three account totals, number and create the
    receipt) and is scaled to the file's size.
(b) Member statement (paid total, paid-through date, standing, receipts in the API's shape) in a
    1,000,000-member database, for members with 10 years of monthly payments picked at random;
    p50/p95 over 200 statements. The baseline reads the same statements the naive way (each
    receipt's entry and lines fetched one by one). The database is written set-based (bulk inserts):
    every member has a person and a sub-account; a sample carries the full 10 years of receipts,
    entries and lines; the table sizes are printed, and the plan of every query of a statement.

    .venv/bin/python -m bench.contributions [--rows 100000] [--members 1000000] [--history 5000]
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import os
import random
import statistics
import sys
import tempfile
import time

D = datetime.date
TODAY = D(2026, 11, 26)
IMPORT_MEMBERS = 10_000
PER_FUND = 4_000  # a million members in 250 funds
BASELINE_ROWS = 2_000
NAIVE_STATEMENTS = 20


def _table(title: str, header: list[str], rows: list[list]) -> None:
    print(f"\n{title}\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("-" * (len(h) + 2) for h in header) + "|")
    for row in rows:
        print("| " + " | ".join(str(c) for c in row) + " |")


# --- writing the database set-based -------------------------------------------------------------------


def _next_id(table: str) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
        return cursor.fetchone()[0]


def _insert(table: str, columns: str, rows, chunk: int = 50_000) -> int:
    """executemany in chunks from any iterable of tuples, in one transaction (outside one, SQLite would
    commit, and wait for the disk, after every row); returns the number of rows."""
    from django.db import connection, transaction

    names = [c.strip() for c in columns.split(",")]
    sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join(['%s'] * len(names))})"
    count, batch = 0, []
    with transaction.atomic(), connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) == chunk:
                cursor.executemany(sql, batch)
                count, batch = count + len(batch), []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def _reset_sequences(models) -> None:
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def make_funds(funds: int, per_fund: int, prefix: str, rng: random.Random, joined=None) -> list:
    """Funds with their chart, one group each, and `per_fund` members each with a person and a
    sub-account, written with a few bulk statements. Returns [(fund, group, first member id)]."""
    from django.db import transaction

    from sajja.ledger.models import Account
    from sajja.ledger.services import open_fund_books
    from sajja.registry.models import Fund, Group, Member, Network, Person

    network, _ = Network.objects.get_or_create(code=f"bench-{prefix}", defaults={"name_th": prefix})
    made = []
    with transaction.atomic():
        for f in range(funds):
            fund = Fund.objects.create(network=network, code=f"{prefix}-{f}", name_th=f"กองทุน {prefix} {f}")
            open_fund_books(fund)
            made.append((fund, Group.objects.create(fund=fund, code="G01", name="หมู่ 1", moo=1)))
    control = dict(
        Account.objects.filter(code="4101", fund__in=[f for f, _ in made]).values_list("fund_id", "pk")
    )
    person0, member0, account0 = (
        _next_id(Person._meta.db_table),
        _next_id(Member._meta.db_table),
        _next_id(Account._meta.db_table),
    )
    total = funds * per_fund
    joins = [joined or D(2010, 1, 1) + datetime.timedelta(days=rng.randrange(6 * 365)) for _ in range(total)]
    _insert(
        Person._meta.db_table,
        "id, national_id_encrypted, national_id_hash, title, first_name, last_name, birth_date, sex,"
        " province_code, district_code, subdistrict_code, house_number",
        (
            (person0 + i, b"", f"{prefix}-{i}", "", f"สมาชิก{i}", "บ้านนา", "1960-01-01", "F", "", "", "", "")
            for i in range(total)
        ),
    )
    _insert(
        Member._meta.db_table,
        "id, fund_id, group_id, person_id, number, joined_on, status, status_since",
        (
            (
                member0 + i,
                fund.pk,
                group.pk,
                person0 + i,
                f"{i % per_fund + 1:06d}",
                joins[i],
                "active",
                joins[i],
            )
            for i in range(total)
            for fund, group in [made[i // per_fund]]
        ),
    )
    _insert(
        Account._meta.db_table,
        "id, fund_id, code, name_th, name_en, kind, is_control, parent_id, member_id, debit_total, credit_total",
        (
            (
                account0 + i,
                made[i // per_fund][0].pk,
                f"4101-{i % per_fund + 1:06d}",
                f"สมาชิก {i % per_fund + 1:06d}",
                "",
                "income",
                False,
                control[made[i // per_fund][0].pk],
                member0 + i,
                0,
                0,
            )
            for i in range(total)
        ),
    )
    _reset_sequences([Person, Member, Account])
    return [(fund, group, member0 + n * per_fund) for n, (fund, group) in enumerate(made)]


# --- (a) import ----------------------------------------------------------------------------------------


def _payment_rows(n: int, members: int) -> list[list[str]]:
    """Each member pays 30 baht about every month through 2025-2026, cash or PromptPay."""
    rows = [["member", "date", "amount", "channel", "receipt"]]
    for i in range(n):
        day = D(2025, 1, 1) + datetime.timedelta(days=(i // members) * 29 % 690)
        rows.append(
            [f"{i % members + 1:06d}", day.strftime("%d/%m/") + str(day.year + 543), "30", "cash", ""]
        )
        if i % 4 == 0:
            rows[-1][3] = "promptpay"
    return rows


def _csv(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def _xlsx(rows) -> bytes:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _per_row(fund, rows: list[list[str]]) -> float:
    """The naive import: one payment at a time through the ORM, in one transaction."""
    from django.db import transaction
    from django.db.models import F, Max
    from django.utils import timezone

    from sajja.contributions.models import Receipt
    from sajja.contributions.reading import parse_amount, parse_day
    from sajja.ledger.models import Account, Entry, Line
    from sajja.registry.models import Member

    cash = Account.objects.get(fund=fund, code="1101")
    control = Account.objects.get(fund=fund, code="4101")
    started = time.perf_counter()
    with transaction.atomic():
        for n, (number, day_text, amount_text, channel, _) in enumerate(rows):
            day, amount = parse_day(day_text)[0], parse_amount(amount_text)[0]
            member = Member.objects.get(fund=fund, number=number)
            account = Account.objects.get(fund=fund, member=member)
            entry = Entry.objects.create(
                fund=fund,
                date=day,
                period=day.year * 100 + day.month,
                memo=f"เงินสัจจะ สมาชิก {number}",
                kind="contribution",
                idempotency_key=f"naive:{n}",
                digest="",
                audit_seq=0,
                created_at=timezone.now(),
            )
            Line.objects.create(entry=entry, account=cash, amount=amount)
            Line.objects.create(entry=entry, account=account, amount=-amount)
            Account.objects.filter(pk=cash.pk).update(debit_total=F("debit_total") + amount)
            Account.objects.filter(pk__in=[account.pk, control.pk]).update(
                credit_total=F("credit_total") + amount
            )
            number_now = (Receipt.objects.filter(fund=fund).aggregate(m=Max("number"))["m"] or 0) + 1
            Receipt.objects.create(
                fund=fund,
                number=number_now,
                member=member,
                paid_on=day,
                amount=amount,
                channel=channel,
                entry=entry,
                issued_at=timezone.now(),
            )
    return time.perf_counter() - started


def _ledger_alone(rows, rng: random.Random) -> float:
    """The ledger's bulk path alone on the same payments' entries, made as the import makes them (one
    memo and postings per member, channel and amount): the floor under the posting part."""
    from sajja.access.policy import SYSTEM
    from sajja.contributions.reading import parse_amount, parse_day
    from sajja.contributions.services import _entries
    from sajja.contributions.validation import Payment
    from sajja.ledger.services import post_entries

    fund = make_funds(1, IMPORT_MEMBERS, "ledger", rng, joined=D(2025, 1, 1))[0][0]
    payments = [
        Payment(m, parse_amount(a)[0], parse_day(d)[0], c, "", f"ledger:{n}")
        for n, (m, d, a, c, _) in enumerate(rows)
    ]
    records = _entries(payments, [p.member for p in payments])
    started = time.perf_counter()
    post_entries(SYSTEM, fund, records)
    return time.perf_counter() - started


def run_import(n: int, rng: random.Random) -> bool:
    from django.db import connection

    from bench import sqlite_floor
    from sajja.access.policy import SYSTEM
    from sajja.contributions.imports import import_payments
    from sajja.contributions.models import Receipt
    from sajja.ledger.models import Account

    rows = _payment_rows(n, IMPORT_MEMBERS)
    files = {"csv": _csv(rows), "xlsx": _xlsx(rows)}
    baseline_fund = make_funds(1, IMPORT_MEMBERS, "naive", rng, joined=D(2025, 1, 1))[0][0]
    subset = min(BASELINE_ROWS, n)
    naive = _per_row(baseline_fund, rows[1 : subset + 1])
    naive_rate = subset / naive
    out = [
        [
            "per-row ORM loop (baseline)",
            f"{subset:,} of {n:,}",
            f"{naive * n / subset:.1f}",
            f"{naive_rate:,.0f}",
            "1.0×",
            "",
        ]
    ]
    met = True
    imported = {}
    for kind, data in files.items():
        fund = imported[kind] = make_funds(1, IMPORT_MEMBERS, f"import-{kind}", rng, joined=D(2025, 1, 1))[0][
            0
        ]
        phases: dict[str, float] = {}
        result = import_payments(SYSTEM, fund, f"payments.{kind}", data, today=TODAY, phases=phases)
        assert result.created == n == Receipt.objects.filter(fund=fund).count()
        assert Account.objects.get(fund=fund, code="4101").credit_total == 3000 * n
        post_rate = n / phases["post"]
        met &= post_rate >= 50_000 and post_rate / naive_rate >= 20
        whole = sum(phases.values())
        out += [
            [f"{kind}: parse", f"{n:,}", f"{phases['parse']:.2f}", f"{n / phases['parse']:,.0f}", "", ""],
            [
                f"{kind}: validate",
                f"{n:,}",
                f"{phases['validate']:.2f}",
                f"{n / phases['validate']:,.0f}",
                "",
                "",
            ],
            [
                f"{kind}: post",
                f"{n:,}",
                f"{phases['post']:.2f}",
                f"{post_rate:,.0f}",
                f"{post_rate / naive_rate:.1f}×",
                "≥ 50,000/s, ≥ 20×",
            ],
            [
                f"{kind}: whole import",
                f"{n:,}",
                f"{whole:.2f}",
                f"{n / whole:,.0f}",
                f"{n / whole / naive_rate:.1f}×",
                "",
            ],
        ]
    alone = _ledger_alone(rows[1:], rng)
    out.append(
        [
            "ledger post_entries alone (same entries)",
            f"{n:,}",
            f"{alone:.2f}",
            f"{n / alone:,.0f}",
            f"{n / alone / naive_rate:.1f}×",
            "",
        ]
    )
    floor = None
    if connection.vendor == "sqlite":
        floor, entries = sqlite_floor.floor(imported["csv"].pk)
        assert entries == n
        out.append(
            [
                "SQLite floor: the csv import's rows copied by SQLite alone",
                f"{n:,}",
                f"{floor:.2f}",
                f"{n / floor:,.0f}",
                f"{n / floor / naive_rate:.1f}×",
                "",
            ]
        )
    _table(
        f"(a) import of a {n:,}-row payments file into a fund of {IMPORT_MEMBERS:,} members",
        ["what", "rows", "seconds", "rows/s", "vs baseline", "target"],
        out,
    )
    if floor is not None:
        print(
            f"\n50,000 payments/s allows {n / 50_000:.2f} s for posting {n:,}: SQLite's own work on the same rows "
            f"(its inserts, log and commit, with nothing from Python) took {floor:.2f} s of it here"
        )
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\nimport posting target {'met' if met else 'NOT met'} (load average at the end: {load})")
    return met


# --- (b) statement -------------------------------------------------------------------------------------


def _history(sample: list[tuple], rng: random.Random) -> None:
    """10 years of monthly 30-baht payments (Dec 2016 - Nov 2026) for each sampled member, as
    receipts with their entries and lines, and the account totals to match."""
    from django.db import connection, transaction

    from sajja.contributions.models import Receipt
    from sajja.ledger.models import Account, Entry, Line

    months = [D(2016 + (11 + k) // 12, (11 + k) % 12 + 1, 5) for k in range(120)]
    cash = dict(Account.objects.filter(code="1101").values_list("fund_id", "pk"))
    entry0, line0, receipt0 = (_next_id(m._meta.db_table) for m in (Entry, Line, Receipt))
    numbers: dict[int, int] = {}
    entries, lines, receipts = [], [], []
    for k, (fund_id, member_id, account_id, number) in enumerate(sample):
        for m, day in enumerate(months):
            e = entry0 + k * 120 + m
            iso = day.isoformat()
            entries.append(
                (
                    e,
                    fund_id,
                    iso,
                    day.year * 100 + day.month,
                    f"เงินสัจจะ สมาชิก {number}",
                    "contribution",
                    f"bench:{member_id}:{m}",
                    "",
                    0,
                    "2026-11-26 00:00:00",
                )
            )
            lines.append((line0 + 2 * (e - entry0), e, cash[fund_id], 3000))
            lines.append((line0 + 2 * (e - entry0) + 1, e, account_id, -3000))
            numbers[fund_id] = numbers.get(fund_id, 0) + 1
            receipts.append(
                (
                    receipt0 + e - entry0,
                    fund_id,
                    numbers[fund_id],
                    member_id,
                    iso,
                    3000,
                    "cash",
                    "",
                    e,
                    "bench",
                    "2026-11-26 00:00:00",
                    "",
                    "contribution",
                )
            )
    _insert(
        Entry._meta.db_table,
        "id, fund_id, date, period, memo, kind, idempotency_key, digest, audit_seq, created_at",
        entries,
    )
    _insert(Line._meta.db_table, "id, entry_id, account_id, amount", lines)
    _insert(
        Receipt._meta.db_table,
        "id, fund_id, number, member_id, paid_on, amount, channel, book_number, entry_id, received_by_name,"
        " issued_at, cancel_reason, purpose",
        receipts,
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {Account._meta.db_table} SET credit_total = %s WHERE id = %s",
            [(120 * 3000, account_id) for _, _, account_id, _ in sample],
        )
    _reset_sequences([Entry, Line, Receipt])


def _sizes() -> list[list]:
    from django.apps import apps

    names = [
        "registry.Person",
        "registry.Member",
        "ledger.Account",
        "ledger.Entry",
        "ledger.Line",
        "contributions.Receipt",
    ]
    return [[name, f"{apps.get_model(name).objects.count():,}"] for name in names]


def _plans(queries: list[dict]) -> tuple[list[list], bool]:
    """EXPLAIN QUERY PLAN of each query (SQLite); a full scan of a large table is flagged."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return [], True
    rows, indexed = [], True
    with connection.cursor() as cursor:
        for q in {q["sql"]: q for q in queries}.values():
            cursor.execute("EXPLAIN QUERY PLAN " + q["sql"])
            plan = "; ".join(r[-1] for r in cursor.fetchall())
            big_scan = any(
                step.startswith("SCAN ")
                and "INDEX" not in step
                and any(t in step for t in ("person", "member", "account", "entry", "line", "receipt"))
                for step in plan.split("; ")
            )
            indexed &= not big_scan
            rows.append(
                [q["sql"][:90].replace("|", "/") + "…", plan[:140], "FULL SCAN" if big_scan else "ok"]
            )
    return rows, indexed


def _naive_statement(fund, number: str) -> int:
    from sajja.contributions.models import Receipt
    from sajja.ledger.models import Account, Entry, Line
    from sajja.registry.models import Member

    member = Member.objects.get(fund=fund, number=number)
    account = Account.objects.get(fund=fund, member=member)
    paid = 0
    for receipt in Receipt.objects.filter(member=member).order_by("-paid_on"):
        entry = Entry.objects.get(pk=receipt.entry_id)
        paid -= sum(line.amount for line in Line.objects.filter(entry=entry) if line.account_id == account.pk)
    return paid


def run_statement(members: int, history: int, count: int, rng: random.Random) -> bool:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sajja.access.models import Role, RoleAssignment
    from sajja.contributions.api import _receipt_out
    from sajja.contributions.selectors import statement_for
    from sajja.ledger.models import Account
    from sajja.registry.selectors import fund_for

    t0 = time.perf_counter()
    per_fund = min(members, PER_FUND)
    funds = make_funds(max(members // per_fund, 1), per_fund, "stmt", rng)
    picks = rng.sample(range(len(funds) * per_fund), min(history, len(funds) * per_fund))
    chosen_ids = [
        (funds[i // per_fund][0].pk, funds[i // per_fund][2] + i % per_fund, f"{i % per_fund + 1:06d}")
        for i in picks
    ]
    accounts = {}
    for start in range(0, len(chosen_ids), 20_000):
        batch = [m for _, m, _ in chosen_ids[start : start + 20_000]]
        accounts.update(Account.objects.filter(member_id__in=batch).values_list("member_id", "pk"))
    sample = [(f, m, accounts[m], n) for f, m, n in chosen_ids]
    _history(sample, rng)
    built = time.perf_counter() - t0
    _table(f"(b) the statement database, written set-based in {built:.0f} s", ["table", "rows"], _sizes())

    admin = get_user_model().objects.create_user("bench-admin")
    RoleAssignment.objects.create(user=admin, role=Role.ADMIN)
    by_pk = {f.pk: f for f, _, _ in funds}
    chosen = [rng.choice(sample) for _ in range(count)]

    def statement(fund_id: int, number: str) -> list:
        fund = fund_for(admin, by_pk[fund_id].code)
        s = statement_for(admin, fund, number, as_of=TODAY)
        assert s.standing.paid_total == 120 * 3000
        return [_receipt_out(r) for r in s.receipts]

    with CaptureQueriesContext(connection) as seen:
        assert len(statement(chosen[0][0], chosen[0][3])) == 120
    times = []
    for fund_id, _, _, number in chosen:
        started = time.perf_counter()
        statement(fund_id, number)
        times.append((time.perf_counter() - started) * 1000)
    naive = []
    for fund_id, _, _, number in chosen[:NAIVE_STATEMENTS]:
        started = time.perf_counter()
        assert _naive_statement(by_pk[fund_id], number) == 120 * 3000
        naive.append((time.perf_counter() - started) * 1000)
    p50, p95 = statistics.median(times), statistics.quantiles(times, n=20)[18]
    n50, n95 = statistics.median(naive), statistics.quantiles(naive, n=20)[18]
    _table(
        f"(b) member statement, 10 years of monthly payments (120 receipts), {members:,}-member database",
        ["what", "statements", "p50 ms", "p95 ms", "max ms", "queries", "vs baseline (p95)", "target"],
        [
            [
                "naive: each receipt's entry and lines (baseline)",
                len(naive),
                f"{n50:.1f}",
                f"{n95:.1f}",
                f"{max(naive):.1f}",
                2 + 2 * 120 + 1,
                "1.0×",
                "",
            ],
            [
                "statement_for + API shape",
                len(times),
                f"{p50:.1f}",
                f"{p95:.1f}",
                f"{max(times):.1f}",
                len(seen),
                f"{n95 / p95:.1f}×",
                "p95 < 50 ms",
            ],
        ],
    )
    plans, indexed = _plans(seen.captured_queries)
    if plans:
        _table("(b) the plan of each query of one statement (SQLite)", ["query", "plan", "index"], plans)
    met = p95 < 50 and indexed
    print(
        f"\nstatement target {'met' if met else 'NOT met'}: p95 {p95:.1f} ms; every query indexed: {indexed}"
    )
    return met


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the imported file")
    parser.add_argument("--members", type=int, default=1_000_000, help="members in the statement database")
    parser.add_argument("--history", type=int, default=5_000, help="members carrying 10 years of payments")
    parser.add_argument("--statements", type=int, default=200, help="statements timed")
    parser.add_argument("--only", choices=["import", "statement"], help="run one of the two")
    args = parser.parse_args()
    rng = random.Random(2569)
    with tempfile.TemporaryDirectory(prefix="sajja-bench-") as home:
        from bench.run import setup_django

        setup_django(home)
        from django.db import connection

        print(f"database: {connection.vendor}")
        ok = True
        if args.only in (None, "import"):
            ok &= run_import(args.rows, rng)
        if args.only in (None, "statement"):
            ok &= run_statement(args.members, args.history, args.statements, rng)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
