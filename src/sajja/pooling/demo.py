"""The pooling part of the demo world (run last, after the roll-up's month-end closes): the Songkhla and
Lampang networks each get a pool fund, a rule from fiscal year 2569, the year's remittances of their funds
(paid in October and November 2569: most in full, one in part, so a coordinator sees what is outstanding)
and, where a fund paid a claim large enough, the pool's top-up of it.

    songkhla-pool  10 % of the members' contributions; claims above 5,000 baht topped up 50 %, at most 3,000
    lampang-pool   12 baht per member active at the year's end; claims above 3,000 baht topped up 30 %

The pool funds' months to September 2569 are closed, as every demo fund's are. Every write goes through the
services (checked, audited, idempotent by its key: `demo:...`).
"""

from __future__ import annotations

import datetime

from sajja.access.policy import SYSTEM
from sajja.core.ledger.records import Entry, Posting
from sajja.ledger.models import Account
from sajja.ledger.services import close_period, open_fund_books, post_entry
from sajja.pooling import services
from sajja.pooling.selectors import pooling_year
from sajja.pooling.services import RuleData, most_for
from sajja.registry.models import Fund, FundKind, Network
from sajja.schemes.cofunding import FiscalYear
from sajja.welfare.models import Claim
from sajja.welfare.reasons import ClaimStatus

D = datetime.date
TODAY = D(2026, 11, 26)  # the demo's today (sajja.registry.demo.TODAY)
FY = FiscalYear(2026)  # ปีงบประมาณ 2569
OPENED = D(2025, 10, 1)

POOLS = {
    # network: (Thai name, English name, opening money in satang, the rule)
    "songkhla": (
        "กองทุนกลางเครือข่ายสวัสดิการชุมชนจังหวัดสงขลา",
        "Songkhla network pool",
        50_000_00,
        RuleData(
            "songkhla-pool", "contributions", 1_000, 5_000_00, 50, 3_000_00, "มติที่ประชุมเครือข่าย 16 ก.ย. 2568"
        ),
    ),
    "lampang": (
        "กองทุนกลางสถาบันการจัดการระบบการออมฯ จังหวัดลำปาง",
        "Lampang institute pool",
        20_000_00,
        RuleData("lampang-pool", "per_member", 12_00, 3_000_00, 30, None, "มติที่ประชุมใหญ่สถาบัน 22 ก.ย. 2568"),
    ),
}
PART_PAID = 60  # percent of its due the last fund of each network has remitted so far


def _pool(network: Network, name_th: str, name_en: str, opening: int) -> Fund:
    code = f"{network.code}-pool"
    fund = Fund.objects.filter(code=code).first()
    if fund is None:
        fund = Fund.objects.create(
            network=network,
            code=code,
            name_th=name_th,
            name_en=name_en,
            kind=FundKind.NETWORK_POOL,
            province_code=network.province_code,
            founded_on=OPENED,
        )
    open_fund_books(fund)
    opening_entry = (Posting("1102", opening), Posting("4301", -opening))
    post_entry(
        SYSTEM, fund, Entry(OPENED, "เงินตั้งต้นกองทุนกลางจากภาคีเครือข่าย", opening_entry, "general", "demo:opening")
    )
    for year, month in FY.months():
        close_period(SYSTEM, fund, year, month, today=TODAY)
    return fund


def _richer(fund: Fund) -> str:
    balances = {a.code: a.balance for a in Account.objects.filter(fund=fund, code__in=("1101", "1102"))}
    return "bank" if balances.get("1102", 0) >= balances.get("1101", 0) else "cash"


def _remittances(network: Network) -> None:
    year = pooling_year(network, FY)
    payers = [row for row in year.funds if not row.is_pool and row.due > 0]
    for n, row in enumerate(payers):
        amount = row.due * (PART_PAID if n == len(payers) - 1 and len(payers) > 1 else 100) // 100
        day = D(2026, 10, 16) + datetime.timedelta(days=7 * n)
        services.remit(
            SYSTEM, row.fund, FY, amount, day, f"demo:remit:{FY.be}", paid_from=_richer(row.fund),
            note="โอนเข้าบัญชีกองทุนกลาง", today=TODAY,
        )  # fmt: skip


def _top_up(network: Network) -> None:
    rule = pooling_year(network, FY).rule
    if rule is None:
        return
    claims = Claim.objects.filter(fund__network=network, status=ClaimStatus.PAID).order_by("-amount", "pk")
    claim = claims.first()
    if claim is not None and most_for(claim, rule) > 0:
        services.pay_top_up(
            SYSTEM, network, claim, None, D(2026, 11, 20), f"demo:top-up:{claim.pk}", today=TODAY
        )


def extend(rng) -> list[tuple[str, str, str]]:
    for code, (name_th, name_en, opening, rule) in POOLS.items():
        network = Network.objects.filter(code=code).first()
        if network is None:
            continue
        _pool(network, name_th, name_en, opening)
        services.set_rule(SYSTEM, network, FY, rule)
        _remittances(network)
        _top_up(network)
    return []
