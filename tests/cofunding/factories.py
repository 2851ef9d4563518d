"""Builders of the co-funding tests: a fund ready to be matched for fiscal year 2569 (1 October 2025 - 30
September 2026), its members in villages, their payments, the year's month-end closes.

The fund is a tambon fund founded on 1 January 2024, registered with CODI, following the CODI welfare
template (birth, sickness, old age, funeral: four basic types) and the national 1:1:1 policy; its tambon has
four villages (หมู่ 1-4). Today is 15 October 2026, a fortnight after the year ended.
"""

from __future__ import annotations

import datetime
import itertools

from sajja.access.policy import SYSTEM
from sajja.cofunding.services_fund import ProfileData, set_policy, set_profile
from sajja.contributions.month_end.services import close_through
from sajja.core.ledger.records import Entry, Posting
from sajja.ledger.services import post_entry
from sajja.registry.models import Group
from sajja.registry.services import Enrolment, PersonData, enrol_member
from sajja.schemes.cofunding import FiscalYear
from sajja.welfare.services import adopt_template
from tests.factories import make_fund, thai_id

D = datetime.date
FY = FiscalYear(2026)  # ปีงบประมาณ 2569
TODAY = D(2026, 10, 15)
FOUNDED = D(2024, 1, 1)
REGISTERED = D(2024, 6, 1)
_ids = itertools.count(5000)


def ready_fund(
    code: str = "cofund",
    *,
    founded: datetime.date = FOUNDED,
    villages: int = 4,
    area: str = "tambon",
    registered: datetime.date | None = REGISTERED,
):
    """A fund that meets every fund-level rule of the national policy once its members count and its year
    is closed (close_year)."""
    fund = make_fund(code, "net-cofunding")
    fund.founded_on = founded
    fund.save(update_fields=["founded_on"])
    for moo in range(2, villages + 1):
        Group.objects.create(fund=fund, code=f"G{moo:02d}", name=f"หมู่ {moo}", moo=moo)
    adopt_template(SYSTEM, fund, "codi", effective_from=FOUNDED)
    profile = ProfileData(
        area, registered, "พอช.", "0123", tuple((n, f"บ้าน {n}") for n in range(1, villages + 1))
    )
    set_profile(SYSTEM, fund, profile, today=TODAY)
    return fund


def relaxed_policy(fund, **version) -> None:
    """A policy of 1:1:1 at 365 baht whose only fund-level rule is the one asked for: the tests of the
    members' rules need no closed year."""
    thresholds = {
        "min_fund_age": 0,
        "registered": False,
        "coverage_percent": {"tambon": 0, "municipality": 0},
        "min_basic_welfare_types": 0,
        "books_kept": False,
    } | version.pop("thresholds", {})
    set_policy(
        SYSTEM,
        fund,
        {
            "code": "relaxed",
            "name_th": "ทดสอบ",
            "name_en": "Test",
            "versions": [
                {
                    "from_fy": 2480,
                    "parties": [
                        {"party": "members", "ratio": 1},
                        {"party": "local_government", "ratio": 1, "cap_per_member": 365},
                        {"party": "central_government", "ratio": 1, "cap_per_member": 365},
                    ],
                    "thresholds": thresholds,
                    **version,
                }
            ],
        },
    )


def member(fund, joined: datetime.date, moo: int = 1, name: str = "สมาชิก"):
    """A member of the fund's group in village `moo` (G01 is หมู่ 1), joined on `joined`."""
    person = PersonData(
        national_id=thai_id(next(_ids)),
        first_name=f"{name}{next(_ids)}",
        last_name="ใจดี",
        birth_date=D(1960, 5, 1),
        sex="F",
    )
    return enrol_member(SYSTEM, fund, Enrolment(person, joined, f"G{moo:02d}"))


def pay(fund, who, satang: int, day: datetime.date, key: str | None = None):
    """A contribution the member paid: cash in, credited to their sub-account."""
    return post_entry(
        SYSTEM,
        fund,
        Entry(
            day,
            f"สัจจะ สมาชิก {who.number}",
            (Posting("1101", satang), Posting(f"4101-{who.number}", -satang)),
            "contribution",
            key or f"pay-{who.number}-{day.isoformat()}-{satang}",
        ),
    )


def post(fund, day: datetime.date, key: str, *postings: tuple[str, int], kind: str = "general"):
    return post_entry(SYSTEM, fund, Entry(day, key, tuple(Posting(a, s) for a, s in postings), kind, key))


def close_year(fund, fy: FiscalYear = FY, today: datetime.date = TODAY) -> None:
    """Every month of the fiscal year closed (payments must be in before)."""
    for month in fy.months():
        close_through(SYSTEM, fund, month, today=today)


def written() -> tuple[int, ...]:
    """How much has been written anywhere: audit events, entries, lines, co-funding records (a refusal
    leaves all of them as they were)."""
    from sajja.audit.models import AuditEvent
    from sajja.cofunding.models import CofundingReceipt, CofundingRefund, CofundingRequest, RequestLine
    from sajja.ledger.models import Entry as EntryRow
    from sajja.ledger.models import Line

    return tuple(
        model.objects.count()
        for model in (
            AuditEvent,
            EntryRow,
            Line,
            CofundingRequest,
            RequestLine,
            CofundingReceipt,
            CofundingRefund,
        )
    )


def books_balance(fund) -> tuple[int, int]:
    """(the sum of every line of the fund, the sum of its account balances): both 0 when the books balance."""
    from django.db.models import Sum

    from sajja.ledger.models import Account, Line

    lines = Line.objects.filter(entry__fund=fund).aggregate(s=Sum("amount"))["s"] or 0
    totals = Account.objects.filter(fund=fund, parent__isnull=True).aggregate(
        d=Sum("debit_total"), c=Sum("credit_total")
    )
    return lines, (totals["d"] or 0) - (totals["c"] or 0)


def balance_of(fund, code: str) -> int:
    """An account's debit-minus-credit balance, in satang."""
    from sajja.ledger.models import Account

    return Account.objects.get(fund=fund, code=code).balance
