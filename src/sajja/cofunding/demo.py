"""The co-funding part of the demo world (sajja.ops.demo runs it after the other areas): the Songkhla and
Lampang funds' villages or communities and registration, and co-funding rounds of past fiscal years
requested and received, so that the co-funding pages show real figures after `make demo`.

Every month to September 2569 (2026) is closed in the demo's books, so both past fiscal years (2568 and
2569) can be requested; their requests are made in October 2569, the first open month. The rounds:

    songkhla-khuanlang  FY 2568  requested 1 Oct 2569, both parties paid in full
    songkhla-khuanlang  FY 2569  requested 5 Oct 2569, the local government paid part, CODI not yet
    lampang-province    FY 2569  requested 5 Oct 2569, the local government paid in full, CODI paid twice,
                                 the second payment refunded

Each is written through the services (checked, audited, idempotent by its key: `demo:...`).
"""

from __future__ import annotations

import datetime

from sajja.access.policy import SYSTEM
from sajja.cofunding import services, services_money
from sajja.cofunding.services_fund import ProfileData, set_profile
from sajja.contributions.month_end.services import close_through
from sajja.registry.models import Fund, FundKind, Group
from sajja.schemes.cofunding import FiscalYear

D = datetime.date
TODAY = D(2026, 11, 26)  # the demo's today (sajja.registry.demo.TODAY)
NETWORKS = ("songkhla", "lampang")
REGISTERED = D(2024, 3, 1)
EXTRA_VILLAGES = 2  # villages of the tambon where the fund has no member yet (coverage below 100 %)


def _profile(fund: Fund) -> None:
    """The fund's villages (its groups' หมู่, and a couple more without members), registered with CODI."""
    numbers = sorted(set(Group.objects.filter(fund=fund).values_list("moo", flat=True)) - {None})
    municipality = fund.kind == FundKind.MUNICIPALITY
    last = max(numbers, default=0)
    villages = [(n, f"{'ชุมชน' if municipality else 'หมู่'} {n}") for n in numbers]
    villages += [
        (n, f"{'ชุมชน' if municipality else 'หมู่'} {n}") for n in range(last + 1, last + 1 + EXTRA_VILLAGES)
    ]
    data = ProfileData(
        "municipality" if municipality else "tambon",
        REGISTERED,
        "สถาบันพัฒนาองค์กรชุมชน (พอช.)",
        f"พอช.-{fund.pk:04d}",
        tuple(villages),
    )
    set_profile(SYSTEM, fund, data, today=TODAY)


def _round(code: str, fy: int, requested_on: datetime.date, money: list[tuple]) -> None:
    """Request fiscal year `fy` of fund `code` on `requested_on`, then record each (kind, party, share of
    what the party owes in percent, day): kind "receive" or "refund". The year's months are closed first
    with their month-end figures (the demo's books closed them without: a request needs both)."""
    fund = Fund.objects.filter(code=code).first()
    if fund is None:
        return
    for month in FiscalYear(fy - 543).months():
        close_through(SYSTEM, fund, month, today=TODAY)
    made, _ = services.request(fund, fy, SYSTEM, f"demo:request:{fy}", today=requested_on)
    owed = dict(made.parties.values_list("party", "amount"))
    for n, (kind, party, percent, day) in enumerate(money):
        amount = owed.get(party, 0) * percent // 100
        if amount <= 0:
            continue
        key = f"demo:{kind}:{fy}:{n}"
        if kind == "receive":
            services_money.receive(made, party, amount, day, SYSTEM, key, note="โอนเข้าบัญชีกองทุน", today=TODAY)
        else:
            services_money.refund(made, party, amount, day, SYSTEM, key, note="คืนเงินที่โอนซ้ำ", today=TODAY)


def extend(rng) -> list[tuple[str, str, str]]:
    for fund in Fund.objects.filter(network__code__in=NETWORKS).order_by("code"):
        _profile(fund)
    _round(
        "songkhla-khuanlang",
        2568,
        D(2026, 10, 1),
        [
            ("receive", "local_government", 100, D(2026, 10, 20)),
            ("receive", "central_government", 100, D(2026, 11, 3)),
        ],
    )
    _round(
        "songkhla-khuanlang",
        2569,
        D(2026, 10, 5),
        [("receive", "local_government", 60, D(2026, 11, 16))],
    )
    _round(
        "lampang-province",
        2569,
        D(2026, 10, 5),
        [
            ("receive", "local_government", 100, D(2026, 10, 22)),
            ("receive", "central_government", 100, D(2026, 11, 2)),
            ("receive", "central_government", 100, D(2026, 11, 9)),
            ("refund", "central_government", 100, D(2026, 11, 20)),
        ],
    )
    return []
