"""The books' side of co-funding: each party's receivable and income accounts, and the entries a request,
a receipt and a refund post.

- A request: for each party that owes something, Dr its receivable (12xx), Cr its income (42xx), dated
  the day of the request. The income is the fund's from then on; the receivable says it is still to come.
- A receipt: Dr the bank or the cash box with all that came in; Cr the receivable with the part it owed,
  and Cr 2201 (co-funding overpaid, a liability) with any more than that.
- A refund: Dr 2201, Cr the bank or the cash box.

Every source of money keeps its own income accounts (`SOURCES`), so the fund's money can be told apart
by where it came from (selectors_sources.py).

>>> request_entry(Party.LOCAL_GOVERNMENT, 36500, datetime.date(2026, 10, 15), "memo", "k").postings
(Posting(account='1201', amount=36500), Posting(account='4201', amount=-36500))
>>> [p.account for p in receipt_entry(Party.CENTRAL_GOVERNMENT, 500, 400, "bank", datetime.date(2026, 11, 1), "m", "k").postings]
['1102', '1202', '2201']
"""

from __future__ import annotations

import datetime
from enum import StrEnum

from sajja.core.ledger.chart import (
    BANK,
    CASH,
    ENTRY_FEES,
    MEMBER_CONTRIBUTIONS,
    REINSTATEMENT_FEES,
    REMITTANCES_RECEIVED,
    TOP_UPS_RECEIVED,
)
from sajja.core.ledger.records import Entry, Posting
from sajja.schemes.cofunding import Party

RECEIVABLE = {
    Party.LOCAL_GOVERNMENT: "1201",
    Party.CENTRAL_GOVERNMENT: "1202",
    Party.PROVINCE: "1203",
    Party.OTHER_DONORS: "1204",
}
INCOME = {
    Party.LOCAL_GOVERNMENT: "4201",
    Party.CENTRAL_GOVERNMENT: "4202",
    Party.PROVINCE: "4203",
    Party.OTHER_DONORS: "4204",
}
OVERPAID = "2201"
DONATIONS = "4301"
MONEY_ACCOUNTS = {"bank": BANK, "cash": CASH}
BENEFITS = "51"  # the benefit expense accounts begin so (5101 birth ... 5108 other)


class Source(StrEnum):
    """Where the fund's money came from. The co-funding parties are named as in `Party`."""

    MEMBERS = "members"
    LOCAL_GOVERNMENT = "local_government"
    CENTRAL_GOVERNMENT = "central_government"
    PROVINCE = "province"
    OTHER_DONORS = "other_donors"
    DONATIONS = "donations"
    NETWORK = "network"  # money from the network's other funds: top-ups, remittances (sajja.pooling)
    OTHER = "other"
    OPENING = "opening"
    UNFUNDED = "unfunded"

    def label(self, language: str = "th") -> str:
        th, en = _SOURCE_LABELS[self]
        return en if language.startswith("en") else th


_SOURCE_LABELS = {
    Source.MEMBERS: ("เงินสัจจะและค่าธรรมเนียมของสมาชิก", "members' contributions and fees"),
    Source.LOCAL_GOVERNMENT: (Party.LOCAL_GOVERNMENT.label("th"), Party.LOCAL_GOVERNMENT.label("en")),
    Source.CENTRAL_GOVERNMENT: (Party.CENTRAL_GOVERNMENT.label("th"), Party.CENTRAL_GOVERNMENT.label("en")),
    Source.PROVINCE: (Party.PROVINCE.label("th"), Party.PROVINCE.label("en")),
    Source.OTHER_DONORS: (Party.OTHER_DONORS.label("th"), Party.OTHER_DONORS.label("en")),
    Source.DONATIONS: ("เงินบริจาค", "donations"),
    Source.NETWORK: ("เครือข่าย (เงินช่วยเหลือ เงินสมทบระหว่างกองทุน)", "the network (top-ups, remittances)"),
    Source.OTHER: ("รายได้อื่น (ดอกเบี้ย ฯลฯ)", "other income (interest...)"),
    Source.OPENING: ("เงินกองทุนยกมา", "fund balance brought forward"),
    Source.UNFUNDED: ("จ่ายก่อนมีเงินเข้า (ค้างจ่าย/เงินที่ต้องคืน)", "paid before money came in (payables)"),
}

INCOME_SOURCES: dict[str, Source] = {
    MEMBER_CONTRIBUTIONS: Source.MEMBERS,
    ENTRY_FEES: Source.MEMBERS,
    REINSTATEMENT_FEES: Source.MEMBERS,
    **{code: Source(party.value) for party, code in INCOME.items()},
    DONATIONS: Source.DONATIONS,
    TOP_UPS_RECEIVED: Source.NETWORK,
    REMITTANCES_RECEIVED: Source.NETWORK,
}
"""Income accounts by source; any other income account is `Source.OTHER`, the equity accounts `OPENING`."""
RECEIVABLE_SOURCES: dict[str, Source] = {code: Source(party.value) for party, code in RECEIVABLE.items()}


def source_of(code: str, kind: str) -> Source | None:
    """The source an account's lines bring money from (None: not a source, e.g. an asset or an expense)."""
    if code in INCOME_SOURCES:
        return INCOME_SOURCES[code]
    if code in RECEIVABLE_SOURCES:
        return RECEIVABLE_SOURCES[code]
    if kind == "income":
        return Source.OTHER
    if kind == "equity":
        return Source.OPENING
    return None


def request_key(fund_id: int, fiscal_year: int, party: Party) -> str:
    return f"cofunding:{fund_id}:{fiscal_year}:request:{party.value}"


def request_entry(party: Party, amount: int, day: datetime.date, memo: str, key: str) -> Entry:
    return Entry(
        day,
        memo[:300],
        (Posting(RECEIVABLE[party], amount), Posting(INCOME[party], -amount)),
        "cofunding",
        key,
    )


def receipt_entry(
    party: Party, amount: int, applied: int, into: str, day: datetime.date, memo: str, key: str
) -> Entry:
    postings = [Posting(MONEY_ACCOUNTS[into], amount)]
    if applied:
        postings.append(Posting(RECEIVABLE[party], -applied))
    if amount - applied:
        postings.append(Posting(OVERPAID, -(amount - applied)))
    return Entry(day, memo[:300], tuple(postings), "cofunding", key)


def refund_entry(amount: int, paid_from: str, day: datetime.date, memo: str, key: str) -> Entry:
    return Entry(
        day,
        memo[:300],
        (Posting(OVERPAID, amount), Posting(MONEY_ACCOUNTS[paid_from], -amount)),
        "cofunding",
        key,
    )
