"""The roll-up tests' world, as of 26 November 2026 (fiscal year 2570 began on 1 October 2026).

Network net-a has two funds, network net-b one:

    fund          members (registry)                     paid                    closed            other
    own-fund      000001-000003 since 1 Jan 2025,        640 baht in Jan 2025    every month to    a hospital claim of
                  000004 joined 10 Nov 2026,             (000003: 365 baht);     Sep 2026 (its     000001 paid on 20 Oct,
                  000005 resigned 15 Oct 2026,           30 baht each, 16 Oct    month-end close:  50,000 baht opening
                  000006 never paid (the close of        and 16 Nov (000001-3),  3 paid up, 1 in   cash; projection 62 %
                  September lapsed them)                 000004 30 baht 16 Nov   arrears, 1 lapsed)
    second-fund   000001-000002 since 1 Jan 2025         000001 30 baht 16 Oct,  nothing           projection 10 %
                                                         nothing in November
    foreign-fund  000001 since 1 Jan 2025                30 baht 16 Oct          Sep 2026 (books)

Expected in November (open, 1 baht a day): own-fund 3 x 30 + 21 days of 000004 = 111 baht; second-fund
2 x 30 = 60 baht. In October: own-fund 3 x 31 = 93 baht (000005 left on 15 Oct and 000006 is lapsed,
000004 not yet in); second-fund 62 baht.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from sajja.access.policy import SYSTEM
from sajja.contributions.month_end.services import close_through
from sajja.ledger.services import close_period
from sajja.registry.models import Fund, Member
from sajja.registry.services import change_member_status
from sajja.sustainability.models import Projection, Status
from sajja.welfare.claims import services as claims
from tests.factories import enrol, make_fund, thai_id
from tests.welfare.factories import HOSPITAL, committee_user, fund_cash, paid

D = datetime.date
TODAY = D(2026, 11, 26)
CLAIM_PAID_ON = D(2026, 10, 20)


def members(fund: Fund, joined: list[D], first_id: int) -> list[Member]:
    return [enrol(fund, thai_id(first_id + n), joined_on=day) for n, day in enumerate(joined)]


def projected(fund: Fund, ruin: float) -> Projection:
    """A projection the worker stored for the fund, giving `ruin` probability of running out."""
    return Projection.objects.create(
        fund=fund,
        status=Status.DONE,
        finished_at=timezone.now(),
        summary={"ruin_by_horizon": ruin, "years": 30, "start_year": 2026},
    )


def paid_claim(fund: Fund, member: Member, treasurer, day=CLAIM_PAID_ON):
    """A hospital claim of the member, entered by the treasurer, approved by two committee members and paid
    in cash on `day`."""
    first, second = committee_user(fund, f"{fund.code}-c1"), committee_user(fund, f"{fund.code}-c2")
    claim, _ = claims.enter_claim(treasurer, fund, member, HOSPITAL, token=f"{fund.code}-claim")
    claims.verify_claim(first, claim)
    claims.approve_claim(first, claim, claim.digest)
    claims.approve_claim(second, claim, claim.digest)
    return claims.pay_claim(treasurer, claim, "cash", day)


def own_world(own: Fund, own_member: Member, treasurer) -> None:
    """own-fund as the module says (its scheme is the CODI template: the `scheme` fixture)."""
    others = members(own, [D(2025, 1, 1), D(2025, 1, 1), D(2026, 11, 10), D(2025, 1, 1), D(2025, 1, 1)], 100)
    fund_cash(own, 50_000_00)
    everyone = [own_member, *others]
    for m, satang in [
        (everyone[0], 640_00),
        (everyone[1], 640_00),
        (everyone[2], 365_00),
        (everyone[4], 640_00),
    ]:
        paid(own, m, satang, D(2025, 1, 5), f"{m.number}-2025")
    for month in range(1, 21):  # January 2025 to August 2026: the books' months
        close_period(SYSTEM, own, 2025 + (month - 1) // 12, (month - 1) % 12 + 1, today=TODAY)
    close_through(SYSTEM, own, "2026-09", today=TODAY)
    for m in everyone[:3]:
        paid(own, m, 30_00, D(2026, 10, 16), f"{m.number}-oct")
        paid(own, m, 30_00, D(2026, 11, 16), f"{m.number}-nov")
    paid(own, everyone[3], 30_00, D(2026, 11, 16), "000004-nov")
    change_member_status(SYSTEM, everyone[4], "resigned", D(2026, 10, 15))
    paid_claim(own, own_member, treasurer)
    projected(own, 0.62)


def second_fund() -> Fund:
    fund = make_fund("second-fund", "net-a")
    first, _second = members(fund, [D(2025, 1, 1), D(2025, 1, 1)], 200)
    paid(fund, first, 30_00, D(2026, 10, 16), "oct")
    projected(fund, 0.10)
    return fund


def foreign_world(foreign: Fund, foreign_member: Member) -> None:
    paid(foreign, foreign_member, 30_00, D(2026, 10, 16), "oct")
    close_period(SYSTEM, foreign, 2026, 9, today=TODAY)
