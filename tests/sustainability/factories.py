"""Builders of the sustainability tests: a fund with its own scheme and members of all ages, members'
payments, and the task library's worker run once through what is queued."""

from __future__ import annotations

import datetime

from django.core.management import call_command

from sajja.access.policy import SYSTEM
from sajja.core.ledger.chart import member_account_code
from sajja.core.ledger.records import Entry, Posting
from sajja.ledger.services import post_entries
from sajja.welfare.services import adopt_template
from tests.factories import enrol

# (birth year, sex) of the fund's members: young and old, women and men
MEMBERS = [
    (1950, "F"),
    (1955, "M"),
    (1960, "F"),
    (1968, "M"),
    (1975, "F"),
    (1983, "M"),
    (1990, "F"),
    (1998, "M"),
]


def joiner_id(n: int) -> str:
    """A valid Thai national ID from a serial number (first digit 2: used by no other test fixture)."""
    body = f"2{n:011d}"
    check = (11 - sum(int(d) * (13 - i) for i, d in enumerate(body)) % 11) % 10
    return body + str(check)


def join(fund, n: int, birth_year: int = 1985, sex: str = "F"):
    """Member number n of the fund, joined on 1 January 2025, born on 1 March of `birth_year`."""
    return enrol(
        fund,
        joiner_id(n),
        first_name=f"สมาชิก{n}",
        sex=sex,
        birth_date=datetime.date(birth_year, 3, 1),
        joined_on=datetime.date(2025, 1, 1),
    )


def fund_with_members(fund):
    """The fund adopts the Songkhla template, enrols MEMBERS and holds a 20,000-baht opening balance."""
    adopt_template(SYSTEM, fund, "songkhla", effective_from=datetime.date(2025, 1, 1))
    for n, (year, sex) in enumerate(MEMBERS, start=1):
        join(fund, 1000 * fund.pk + n, year, sex)
    opening = Entry(
        datetime.date(2025, 1, 2),
        "ยอดยกมา",
        (Posting("1102", 2_000_000), Posting("3101", -2_000_000)),
        "opening",
        "open",
    )
    post_entries(SYSTEM, fund, [opening])
    return fund


def national_id(n: int) -> str:
    """A valid Thai national ID from a serial number (the 13th digit is the checksum)."""
    body = f"1{n:011d}"
    check = (11 - sum(int(d) * (13 - i) for i, d in enumerate(body)) % 11) % 10
    return body + str(check)


def pay(fund, member, satang: int, key: str, day=datetime.date(2026, 1, 10)):
    """A contribution the member paid (not posted), credited to their sub-ledger account."""
    return Entry(
        day,
        "สัจจะ",
        (Posting("1101", satang), Posting(member_account_code(member.number), -satang)),
        "contribution",
        key,
    )


def run_worker() -> None:
    """The task library's own worker, once through everything queued, as `sajja db_worker --batch` does."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
