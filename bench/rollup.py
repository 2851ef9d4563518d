"""The national roll-up from the maintained tables against a full scan of the books (same process).

A synthetic nation is written set-based (bulk inserts, no services): `--funds` funds (7,255: one per
tambon) in networks of about eight funds spread over the 77 provinces, `--members` members shared among
them unevenly (100 to 1,400 a fund, scaled to the total), each with a person and a sub-account; 3 % lapsed,
1 % resigned, 0.5 % deceased. Each member paid 30 baht on the 16th of September, October and November
2026 with probability 0.85 (an entry and two lines each); September is closed (books and month-end close)
in every fund, October in 70 %; two paid claims and a stored projection per fund; a co-funding request of
fiscal year 2569 in 80 % of the funds (local government and CODI asked for 365 baht a member each), the
local government's paid in full in 60 % of those, CODI's in part in 30 % and overpaid in 2 %. Today is 26
November 2026 (fiscal year 2570, so 2569 is the year claimed).

Then, timed:

- the full scan: every fund's figures worked out from the books in under twenty grouped queries
  (`books.compute(None)`) and summed into the nation: what the national page would cost without the
  roll-up's tables (the baseline);
- `sajja rollup refresh --national`: the same scan, written into the tables (once a month, or nightly);
- the national page's figures from the tables (`selectors.national_figures`), and a network's: median of 5;
- one fund's refresh, as the after-commit hook runs it: a typical fund and the largest (median of 5).

The nation from the tables must equal the nation from the books, figure for figure. The tables' reads
cost in proportion to the number of funds, the scan in proportion to the members and their payments:
with fewer members than 4,000,000 the scan is extrapolated to them, and the table says so.

    .venv/bin/python -m bench.rollup [--funds 7255] [--members 4000000]
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import sys
import tempfile
import time
from itertools import islice

D = datetime.date
TODAY = D(2026, 11, 26)
PAY_DAYS = (D(2026, 9, 16), D(2026, 10, 16), D(2026, 11, 16))
NATIONAL_MEMBERS = 4_000_000
TARGET_SECONDS = 1.0
FUNDS_AT_A_TIME = 250


def insert(model, columns: list[str], rows, chunk: int = 20_000) -> int:
    """executemany in chunks, in one transaction; dates and times adapted as the ORM would store them."""
    from django.db import connection, transaction

    fields = [model._meta.get_field(name) for name in columns]
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = f"INSERT INTO {model._meta.db_table} ({names}) VALUES ({', '.join(['%s'] * len(fields))})"
    ops = connection.ops

    def adapted(value):
        if isinstance(value, datetime.datetime):
            return ops.adapt_datetimefield_value(value)
        if isinstance(value, datetime.date):
            return ops.adapt_datefield_value(value)
        return value

    count = 0
    rows = iter(rows)
    with transaction.atomic(), connection.cursor() as cursor:
        while batch := list(islice(rows, chunk)):
            cursor.executemany(sql, [tuple(map(adapted, row)) for row in batch])
            count += len(batch)
    return count


def reset_sequences(models) -> None:
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def sizes(funds: int, members: int, rng: random.Random) -> list[int]:
    """Fund sizes between 100 and 1,400 members, scaled so that they add up to `members`."""
    raw = [rng.randint(100, 1400) for _ in range(funds)]
    scale = members / sum(raw)
    out = [max(1, round(r * scale)) for r in raw]
    out[-1] += members - sum(out)
    return out


def build(funds: int, members: int, seed: int = 2569) -> dict:
    """The synthetic nation; returns counts of what was written."""
    import geothai
    from django.utils import timezone

    from sajja.contributions.models import MonthClose
    from sajja.ledger.models import Account, ClosedPeriod, Entry, Line
    from sajja.registry.models import Fund, Member, Network, Person
    from sajja.sustainability.models import Projection, Status
    from sajja.welfare.models import Claim

    rng = random.Random(seed)
    now = timezone.now()
    provinces = [p.code for p in geothai.provinces()]
    networks = [
        Network(code=f"net-{n:04d}", name_th=f"เครือข่าย {n}", province_code=provinces[n % len(provinces)])
        for n in range((funds + 7) // 8)
    ]
    Network.objects.bulk_create(networks, batch_size=2000)
    networks = list(Network.objects.order_by("code"))
    fund_rows = [
        Fund(
            network=networks[i // 8],
            code=f"fund-{i:05d}",
            name_th=f"กองทุนสวัสดิการชุมชน {i}",
            province_code=networks[i // 8].province_code,
            founded_on=D(2026, 9, 1),
        )
        for i in range(funds)
    ]
    Fund.objects.bulk_create(fund_rows, batch_size=2000)
    fund_ids = list(Fund.objects.order_by("code").values_list("pk", flat=True))
    per_fund = sizes(funds, members, rng)

    # the chart each fund needs here: cash, bank, the members' control account, a benefit expense
    chart = [("1101", "asset"), ("1102", "asset"), ("4101", "income"), ("5102", "expense")]
    account_id = iter(range(1, 10**9))
    accounts = {}
    rows = []
    line_count = 0
    for fund_id in fund_ids:
        for code, kind in chart:
            pk = next(account_id)
            accounts[(fund_id, code)] = pk
            rows.append((pk, fund_id, code, code, code, kind, code == "4101", None, None, 0, 0))
    cols = ["id", "fund", "code", "name_th", "name_en", "kind", "is_control", "parent", "member"]
    insert(Account, [*cols, "debit_total", "credit_total"], rows)

    statuses = rng.choices(["active", "lapsed", "resigned", "deceased"], [95.5, 3, 1, 0.5], k=members)
    person_cols = ["id", "national_id_encrypted", "national_id_hash", "title", "first_name", "last_name", "birth_date",
                   "sex", "province_code", "district_code", "subdistrict_code", "house_number"]  # fmt: skip
    ecols = [
        "id",
        "fund",
        "date",
        "period",
        "memo",
        "kind",
        "idempotency_key",
        "digest",
        "audit_seq",
        "created_at",
    ]
    cash_in: dict[int, int] = {}
    member_id, entry_id = 0, 0
    for start in range(0, funds, FUNDS_AT_A_TIME):  # written a few hundred funds at a time: bounded memory
        member_rows, person_rows, sub_rows, entries, lines = [], [], [], [], []
        for fund_id, size in zip(
            fund_ids[start : start + FUNDS_AT_A_TIME], per_fund[start : start + FUNDS_AT_A_TIME], strict=True
        ):
            paid_total = 0
            for n in range(1, size + 1):
                member_id += 1
                status = statuses[member_id - 1]
                joined = D(2020, 1, 1) + datetime.timedelta(days=rng.randrange(2400))
                since = D(2026, 10, rng.randint(1, 31)) if status != "active" else joined
                person_rows.append((member_id, b"", f"bench-{member_id}", "", f"สมาชิก{n}", "ทดสอบ", D(1960, 1, 1),
                                    "F", "", "", "", ""))  # fmt: skip
                member_rows.append((member_id, fund_id, member_id, f"{n:06d}", joined, status, since))
                sub = next(account_id)
                paid = 0
                for day in PAY_DAYS:
                    if status in ("resigned", "deceased") and day > since or rng.random() >= 0.85:
                        continue
                    entry_id += 1
                    entries.append((entry_id, fund_id, day, day.year * 100 + day.month, "สัจจะ", "contribution",
                                    f"b:{member_id}:{day.month}", "", entry_id, now))  # fmt: skip
                    lines.append((entry_id, accounts[(fund_id, "1101")], 30_00))
                    lines.append((entry_id, sub, -30_00))
                    paid += 30_00
                sub_rows.append((sub, fund_id, f"4101-{n:06d}", "สมาชิก", "", "income", False,
                                 accounts[(fund_id, "4101")], member_id, 0, paid))  # fmt: skip
                paid_total += paid
            cash_in[fund_id] = paid_total
        insert(Person, person_cols, person_rows)
        insert(Member, ["id", "fund", "person", "number", "joined_on", "status", "status_since"], member_rows)
        insert(Account, [*cols, "debit_total", "credit_total"], sub_rows)
        insert(Entry, ecols, entries)
        insert(Line, ["entry", "account", "amount"], lines)
        line_count += len(lines)

    # two paid claims per fund (sickness, 300 baht, October and November), a projection, the closes
    claims, claim_entries, claim_lines, closes, periods, projections = [], [], [], [], [], []
    for i, fund_id in enumerate(fund_ids):
        for day in (D(2026, 10, 20), D(2026, 11, 20)):
            entry_id += 1
            claim_entries.append((entry_id, fund_id, day, day.year * 100 + day.month, "สวัสดิการ", "benefit",
                                  f"welfare:{entry_id}", "", entry_id, now))  # fmt: skip
            claim_lines += [
                (entry_id, accounts[(fund_id, "5102")], 300_00),
                (entry_id, accounts[(fund_id, "1101")], -300_00),
            ]
            claims.append((fund_id, entry_id, day))
        cash_in[fund_id] -= 600_00
        closes.append(MonthClose(fund_id=fund_id, period=202609, month_end=D(2026, 9, 30), expected=0, collected=0,
                                 members_active=per_fund[i] * 8 // 10, members_in_arrears=per_fund[i] // 10,
                                 members_lapsed=per_fund[i] // 20, status_changes=0, closed_at=now))  # fmt: skip
        periods.append(ClosedPeriod(fund_id=fund_id, period=202609, closed_at=now))
        if rng.random() < 0.7:
            periods.append(ClosedPeriod(fund_id=fund_id, period=202610, closed_at=now))
        projections.append(Projection(fund_id=fund_id, status=Status.DONE, finished_at=now,
                                      summary={"ruin_by_horizon": round(rng.random(), 3)}))  # fmt: skip
    insert(Entry, ecols, claim_entries)
    insert(Line, ["entry", "account", "amount"], claim_lines)
    entry_id = cofunding(fund_ids, per_fund, entry_id, rng, ecols)
    reset_sequences([Account, Person, Member, Entry])
    members_of = dict(Member.objects.filter(number="000001").values_list("fund_id", "pk"))
    Claim.objects.bulk_create(
        (
            Claim(
                fund_id=fund_id,
                member_id=members_of[fund_id],
                token=f"c{entry}",
                benefit="hospital",
                benefit_name_th="นอนโรงพยาบาล",
                benefit_name_en="hospital",
                category="sickness",
                event="hospital",
                event_date=day,
                amount=300_00,
                adjudication={},
                digest="",
                status="paid",
                entered_at=now,
                paid_from="cash",
                paid_entry_id=entry,
                paid_at=now,
            )
            for fund_id, entry, day in claims
        ),
        batch_size=2000,
    )
    MonthClose.objects.bulk_create(closes, batch_size=2000)
    ClosedPeriod.objects.bulk_create(periods, batch_size=2000)
    Projection.objects.bulk_create(projections, batch_size=2000)
    for fund_id, satang in cash_in.items():  # the cash account's running totals, as the ledger keeps them
        Account.objects.filter(pk=accounts[(fund_id, "1101")]).update(
            debit_total=max(satang, 0) + 600_00, credit_total=600_00
        )
    return {"members": members, "entries": entry_id, "lines": line_count + len(claim_lines)}


def cofunding(fund_ids: list[int], per_fund: list[int], entry_id: int, rng: random.Random, ecols) -> int:
    """Co-funding requests of fiscal year 2569 and receipts against them (see the module); each receipt's
    entry without lines (the roll-up reads the receipts, not their postings). Returns the last entry id."""
    from django.utils import timezone

    from sajja.cofunding.models import CofundingReceipt, CofundingRequest, RequestParty
    from sajja.ledger.models import Entry

    now = timezone.now()
    counted = {fund_id: n * 8 // 10 for fund_id, n in zip(fund_ids, per_fund, strict=True)}
    CofundingRequest.objects.bulk_create(
        (
            CofundingRequest(
                fund_id=fund_id,
                fiscal_year=2026,
                policy_code="national",
                policy_from_fy=2569,
                requested_on=D(2026, 10, 5),
                due_on=D(2027, 9, 30),
                members_listed=per_fund[i],
                counted=counted[fund_id],
                excluded_by={},
                rules=[],
                lines_digest="",
                key=f"bench:{fund_id}",
                made_at=now,
            )
            for i, fund_id in enumerate(fund_ids)
            if rng.random() < 0.8
        ),
        batch_size=2000,
    )
    requests = dict(CofundingRequest.objects.values_list("fund_id", "pk"))
    parties, entries, receipts = [], [], []
    for fund_id, request_id in requests.items():
        owed = counted[fund_id] * 365_00
        for party in ("members", "local_government", "central_government"):
            parties.append(RequestParty(request_id=request_id, party=party, ratio="1", cap_per_member=365_00,
                                        amount=owed, would_be=owed, members_capped=0))  # fmt: skip
        paid = []
        if rng.random() < 0.6:
            paid.append(("local_government", owed, owed))
        chance = rng.random()
        if chance < 0.02:
            paid.append(("central_government", owed + 100_00, owed))
        elif chance < 0.32:
            paid.append(("central_government", owed // 2, owed // 2))
        for party, amount, applied in paid:
            entry_id += 1
            entries.append((entry_id, fund_id, D(2026, 11, 5), 202611, "เงินสมทบ", "cofunding",
                            f"cofunding:{entry_id}", "", entry_id, now))  # fmt: skip
            receipts.append(CofundingReceipt(fund_id=fund_id, request_id=request_id, party=party, amount=amount,
                                             applied=applied, overpaid=amount - applied,
                                             received_on=D(2026, 11, 5), into="bank", entry_id=entry_id,
                                             key=f"bench:{entry_id}", recorded_at=now))  # fmt: skip
    RequestParty.objects.bulk_create(parties, batch_size=2000)
    insert(Entry, ecols, entries)
    CofundingReceipt.objects.bulk_create(receipts, batch_size=2000)
    return entry_id


def timed(run, times: int = 1) -> tuple[float, object]:
    seconds, result = [], None
    for _ in range(times):
        started = time.perf_counter()
        result = run()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--funds", type=int, default=7255)
    parser.add_argument("--members", type=int, default=NATIONAL_MEMBERS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sajja-bench-") as home:
        from bench.run import setup_django

        setup_django(home)
        from django.db import connection
        from django.db.models import Count

        from sajja.access.policy import SYSTEM
        from sajja.registry.models import Fund, Member
        from sajja.rollup import selectors, services
        from sajja.rollup.assembly import from_books
        from sajja.rollup.books import compute

        started = time.perf_counter()
        built = build(args.funds, args.members)
        print(
            f"database: {connection.vendor}; built {args.funds:,} funds, {built['members']:,} members,"
            f" {built['entries']:,} entries and {built['lines']:,} lines in {time.perf_counter() - started:.0f} s"
        )

        def scan():
            books = from_books(compute(None, TODAY), TODAY)
            refs = selectors.fund_refs(Fund.objects.all())
            return selectors.national_rollup([(ref, books[ref.pk]) for ref in refs], TODAY)

        scanned, from_the_books = timed(scan)
        refreshed, _ = timed(lambda: services.refresh(None, TODAY))
        national, from_tables = timed(lambda: selectors.national_figures(SYSTEM, TODAY), 5)
        network = Fund.objects.order_by("code").first().network.code
        one_network, _ = timed(lambda: selectors.network_figures(SYSTEM, network, TODAY), 5)
        by_size = Member.objects.values("fund_id").annotate(n=Count("pk")).order_by("n")
        typical, largest = by_size[len(by_size) // 2], by_size.last()
        one_fund, _ = timed(lambda: services.refresh([typical["fund_id"]], TODAY), 5)
        big_fund, _ = timed(lambda: services.refresh([largest["fund_id"]], TODAY), 5)

        if vars(from_the_books.total) != vars(from_tables.total):
            print(
                "the nation from the tables differs from the nation from the books: no figures",
                file=sys.stderr,
            )
            return 1
        scale = NATIONAL_MEMBERS / args.members
        rows = [
            ("full scan of the books, all funds (baseline)", f"{args.members:,} members", scanned, 1.0, "")
        ]
        if scale > 1:
            rows.append(
                ("  the scan extrapolated to 4,000,000 members", "4,000,000", scanned * scale, None, "")
            )
        rows += [
            (
                "refresh of every fund (scan + write)",
                f"{args.members:,} members",
                refreshed,
                scanned / refreshed,
                "",
            ),
            (
                "national figures from the tables",
                f"{args.funds:,} funds",
                national,
                scanned / national,
                "< 1 s",
            ),
            ("a network's figures from the tables", "8 funds", one_network, scanned / one_network, ""),
            (
                "refresh of one fund, after a write",
                f"{typical['n']:,} members",
                one_fund,
                scanned / one_fund,
                "",
            ),
            ("refresh of the largest fund", f"{largest['n']:,} members", big_fund, scanned / big_fund, ""),
        ]
        print(f"\n| {'benchmark':<46} | {'size':>17} | {'seconds':>8} | {'ratio':>8} | target |")
        print(f"|{'-' * 48}|{'-' * 19}|{'-' * 10}|{'-' * 10}|--------|")
        for name, size, seconds, ratio, target in rows:
            shown = "" if ratio is None else f"{ratio:.1f}×"
            print(f"| {name:<46} | {size:>17} | {seconds:>8.3f} | {shown:>8} | {target} |")
        met = "met" if national < TARGET_SECONDS else "NOT met"
        print(
            f"\nnational roll-up target {met}: {national:.3f} s from the tables for {from_tables.total.funds:,} funds,"
            f" {scanned / national:.0f}× the full scan of this world"
        )
        if scale > 1:
            print(
                f"the scan read {args.members:,} members; at 4,000,000 it would take about {scanned * scale:.1f} s"
                f" (linear in the members and their payments), {scanned * scale / national:.0f}× the tables' answer,"
                " whose cost depends on the number of funds only"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
