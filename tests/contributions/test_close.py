"""The month-end close, as a treasurer sees it: the month locked, every member's standing at its end
derived from what they paid, lapses written in the registry, and each group's expected vs. collected.

The fund of these tests (1 baht a day, 30 days' grace, lapsed after 365 unpaid days), October 2026:

    member  group  joined      paid (baht, on)                       paid through  at 31 Oct 2026
    000001  G01    2025-01-01  365 (2025-01-01), 335 (2026-10-05)    2026-12-01    paid up
    000002  G01    2025-01-01  610 (2025-02-01), 30 (2026-10-10)     2026-10-02    paid up, 29 unpaid days
    000003  G02    2025-01-01  300 (2025-01-10)                      2025-10-27    lapsed (369 days)
    000004  G02    2025-01-01  500 (2025-03-01)                      2026-05-15    in arrears (169 days)
    000005  G02    2026-10-16  nothing                               2026-10-15    paid up (16 days)
    000006  G02    2026-11-05  (joined after the month: not counted)
and 000001 pays 30 more on 2026-11-03, after the month: it counts for neither.
"""

from __future__ import annotations

import datetime

import pytest

from sajja.access.policy import SYSTEM
from sajja.audit.models import AuditEvent
from sajja.contributions.models import GroupMonthSummary, MemberMonthStanding, MonthClose
from sajja.contributions.month_end.selectors import month_close_for, months_for, summaries_of
from sajja.contributions.month_end.services import close_month, close_through, next_to_close, preview
from sajja.contributions.services import record_payments
from sajja.contributions.validation import Payment
from sajja.core.errors import NotFound, NotPermitted, ValidationFailed
from sajja.core.month import Month
from sajja.ledger.models import ClosedPeriod
from sajja.registry.models import Member, MemberStatusChange
from tests.contributions.factories import TODAY, row_counts, standings

OCTOBER = "2026-10"
D = datetime.date


def summary(close) -> dict[str, tuple]:
    return {
        s.group.code if s.group else "-": (
            s.expected,
            s.collected,
            s.members_active,
            s.members_in_arrears,
            s.members_lapsed,
        )
        for s in summaries_of(close)
    }


def test_every_member_stands_where_their_payments_put_them(fund, treasurer):
    close = close_through(treasurer, fund, OCTOBER, today=TODAY)
    assert standings(close) == {
        "000001": (70000, D(2026, 12, 1), "paid_up", 0),
        "000002": (64000, D(2026, 10, 2), "paid_up", 2900),
        "000003": (30000, D(2025, 10, 27), "lapsed", 36900),
        "000004": (50000, D(2026, 5, 15), "in_arrears", 16900),
        "000005": (0, D(2026, 10, 15), "paid_up", 1600),
    }


def test_each_group_has_what_was_expected_and_what_was_collected(fund, treasurer):
    close = close_through(treasurer, fund, OCTOBER, today=TODAY)
    # G01: 31 days from each of two members; 335 + 30 baht paid in October.
    # G02: 31 days from 000004 (in arrears), 16 from 000005 (joined on the 16th), none from the lapsed.
    assert summary(close) == {"G01": (6200, 36500, 2, 0, 0), "G02": (4700, 0, 1, 1, 1)}
    assert (close.expected, close.collected) == (10900, 36500)
    assert (close.members_active, close.members_in_arrears, close.members_lapsed) == (3, 1, 1)
    assert close.rules_version is None  # the fund has no scheme: the defaults applied


def test_the_month_is_locked_in_the_books(fund, treasurer):
    close_through(treasurer, fund, OCTOBER, today=TODAY)
    assert ClosedPeriod.objects.filter(fund=fund, period=202610).exists()
    with pytest.raises(ValidationFailed) as refused:
        record_payments(treasurer, fund, [Payment("000004", 30_00, D(2026, 10, 20), key="late")], today=TODAY)
    assert refused.value.errors[0].code == "period_closed"


def test_a_lapse_is_written_in_the_registry_with_its_day(fund, treasurer):
    close_through(treasurer, fund, OCTOBER, today=TODAY)
    lapsed = Member.objects.get(fund=fund, number="000003")
    # paid through 27 Oct 2025; 365 unpaid days are allowed, the 366th (28 Oct 2026) lapses the member
    assert (lapsed.status, lapsed.status_since) == ("lapsed", D(2026, 10, 28))
    history = list(lapsed.status_changes.values_list("status", "effective_on"))
    assert history == [("active", D(2025, 1, 1)), ("lapsed", D(2026, 10, 28))]
    others = Member.objects.filter(fund=fund).exclude(number="000003")
    assert set(others.values_list("status", flat=True)) == {"active"}


def test_closing_twice_changes_nothing(fund, treasurer):
    first = close_through(treasurer, fund, OCTOBER, today=TODAY)
    counts = (
        AuditEvent.objects.count(),
        MemberStatusChange.objects.count(),
        MemberMonthStanding.objects.count(),
        GroupMonthSummary.objects.count(),
        MonthClose.objects.count(),
    )
    again = close_through(treasurer, fund, OCTOBER, today=TODAY)
    assert again.pk == first.pk and again.closed_at == first.closed_at
    assert counts == (
        AuditEvent.objects.count(),
        MemberStatusChange.objects.count(),
        MemberMonthStanding.objects.count(),
        GroupMonthSummary.objects.count(),
        MonthClose.objects.count(),
    )


def test_a_lapsed_member_who_pays_up_is_reinstated_on_the_day_of_that_payment(fund, treasurer):
    close_through(treasurer, fund, OCTOBER, today=TODAY)
    # 369 days unpaid at the end of October; 400 baht on 10 Nov covers them through 1 Dec 2026.
    record_payments(treasurer, fund, [Payment("000003", 400_00, D(2026, 11, 10), key="back")], today=TODAY)
    close = close_through(treasurer, fund, "2026-11", today=D(2026, 12, 3))
    member = Member.objects.get(fund=fund, number="000003")
    assert (member.status, member.status_since) == ("active", D(2026, 11, 10))
    assert list(member.status_changes.values_list("status", "effective_on")) == [
        ("active", D(2025, 1, 1)),
        ("lapsed", D(2026, 10, 28)),
        ("active", D(2026, 11, 10)),
    ]
    assert standings(close)["000003"] == (70000, D(2026, 12, 1), "paid_up", 0)
    assert close.status_changes == 1  # only 000003 changes: the others fall behind, none 365 days
    assert summary(close)["G02"][1] == 40000


def test_a_month_not_over_cannot_be_closed(fund, treasurer):
    with pytest.raises(ValidationFailed) as refused:
        close_month(treasurer, fund, "2026-11", today=TODAY)
    assert refused.value.errors[0].code == "month_not_ended"
    assert not MonthClose.objects.exists() and not ClosedPeriod.objects.exists()


def test_only_treasurers_and_administrators_close(fund, users, foreign):
    for role in ("member", "committee", "auditor", "coordinator"):
        with pytest.raises(NotPermitted, match="your role does not allow this"):
            close_through(users[role], fund, OCTOBER, today=TODAY)
    with pytest.raises(NotFound, match="fund not found"):
        close_through(users["treasurer"], foreign, OCTOBER, today=TODAY)
    assert not MonthClose.objects.exists()
    close_through(users["admin"], fund, OCTOBER, today=TODAY)
    assert month_close_for(users["auditor"], fund, OCTOBER).period == 202610


def test_a_month_before_the_one_before_it_is_refused_and_nothing_is_written(fund, treasurer):
    """Months close oldest first: with August 2026 closed, October waits for September; the refusal names
    the oldest open month, in Thai (Buddhist era) and English, and writes nothing (not even the lock)."""
    close_through(treasurer, fund, "2026-08", today=TODAY)
    before = (row_counts(), MonthClose.objects.count(), ClosedPeriod.objects.count())
    with pytest.raises(ValidationFailed) as refused:
        close_month(treasurer, fund, OCTOBER, today=TODAY)
    problem = refused.value.errors[0]
    assert (problem.code, problem.where) == ("month_out_of_order", "period")
    assert "ก.ย. 2569" in problem.message_th and "ต.ค. 2569" in problem.message_th
    assert "2026-09" in problem.message_en and "2026-10" in problem.message_en
    assert (row_counts(), MonthClose.objects.count(), ClosedPeriod.objects.count()) == before
    assert not ClosedPeriod.objects.filter(fund=fund, period=202610).exists()
    september = close_month(treasurer, fund, "2026-09", today=TODAY)
    assert standings(september)["000003"][2] == "in_arrears"  # 338 unpaid days on 30 September
    assert close_month(treasurer, fund, OCTOBER, today=TODAY).members_lapsed == 1
    assert MemberStatusChange.objects.filter(member__number="000003", status="lapsed").count() == 1


def test_the_fund_closes_from_its_first_month(fund, treasurer):
    assert next_to_close(fund) == (2025, 1)  # founded, and its books begin, in January 2025
    with pytest.raises(ValidationFailed, match="2025-01"):
        close_month(treasurer, fund, "2025-02", today=TODAY)
    assert not MonthClose.objects.exists()
    close_month(treasurer, fund, "2025-01", today=TODAY)
    assert close_month(treasurer, fund, "2025-01", today=TODAY).period == 202501  # again: as it was
    assert next_to_close(fund) == (2025, 2)


def test_the_preview_is_what_the_close_then_does(fund, treasurer):
    close_through(treasurer, fund, "2026-09", today=TODAY)
    ahead = preview(fund, Month(2026, 10))
    close = close_month(treasurer, fund, OCTOBER, today=TODAY)
    by_standing = MemberMonthStanding.objects.filter(close=close)
    was_in_arrears = set(
        MemberMonthStanding.objects.filter(close__period=202609, standing="in_arrears").values_list(
            "member__number", flat=True
        )
    )
    in_arrears = set(by_standing.filter(standing="in_arrears").values_list("member__number", flat=True))
    lapsed = MemberStatusChange.objects.filter(member__fund=fund, status="lapsed")
    assert [m.number for m in ahead.lapsing] == list(lapsed.values_list("member__number", flat=True))
    assert [m.number for m in ahead.lapsing] == ["000003"]
    assert [m.number for m in ahead.into_arrears] == sorted(in_arrears - was_in_arrears)
    assert (ahead.expected, ahead.collected) == (close.expected, close.collected) == (10900, 36500)
    assert [n for _, n in ahead.by_standing] == [close.members_active, close.members_in_arrears, 1]
    assert ahead.lapsing[0].name == Member.objects.get(fund=fund, number="000003").person.full_name


def test_the_months_page_data_lists_closed_and_open_months(fund, treasurer):
    close_through(treasurer, fund, OCTOBER, today=TODAY)
    months = months_for(treasurer, fund, today=TODAY)
    assert [(m.period, m.close is not None, m.books_closed, m.ended) for m in months[:3]] == [
        ("2026-11", False, False, False),
        ("2026-10", True, True, True),
        ("2026-09", True, True, True),  # closed before October: months close oldest first
    ]
    assert months[-1].period == "2025-01"  # the fund was founded in January 2025


def test_older_months_still_to_close_stay_on_the_list(fund, treasurer):
    """Past the 24 recent months, a month that ended and was never closed is still listed (it can be
    closed from there); an older month already closed is not."""
    fund.founded_on = D(2022, 1, 1)
    fund.save(update_fields=["founded_on"])
    close_month(treasurer, fund, "2024-10", today=TODAY)  # before the books' first month: not in the order
    periods = [m.period for m in months_for(treasurer, fund, today=TODAY)]
    assert (periods[0], periods[23]) == ("2026-11", "2024-12")  # the 24 recent months, newest first
    assert "2024-11" in periods and "2024-10" not in periods and "2024-09" in periods
    assert periods[-1] == "2022-01" and len(periods) == 59 - 1


def test_where_the_rules_allow_no_reinstatement_a_lapsed_member_stays_lapsed(fund, treasurer):
    from sajja.welfare.services import adopt_template, publish_version

    adopt_template(SYSTEM, fund, "codi", effective_from=D(2025, 1, 1))
    rules = {"grace_days": 30, "lapse_after_days": 365, "reinstatement": {"allowed": False}}
    publish_version(SYSTEM, fund, {"effective_from": "2026-01-01", "contributions": rules})
    close_through(treasurer, fund, OCTOBER, today=TODAY)
    record_payments(treasurer, fund, [Payment("000003", 400_00, D(2026, 11, 10), key="back")], today=TODAY)
    close = close_through(treasurer, fund, "2026-11", today=D(2026, 12, 3))
    member = Member.objects.get(fund=fund, number="000003")
    assert (member.status, standings(close)["000003"][2], close.status_changes) == ("lapsed", "lapsed", 0)


def test_where_the_rules_charge_a_reinstatement_fee_a_member_comes_back_once_it_is_paid(fund, treasurer):
    """000003 pays what they owe on 10 Nov but not the 50-baht fee: November's close keeps them lapsed.
    They pay the fee on 5 Dec: December's close reinstates them, on that day."""
    from sajja.contributions.models import Purpose
    from sajja.welfare.services import adopt_template, publish_version

    adopt_template(SYSTEM, fund, "codi", effective_from=D(2025, 1, 1))
    rules = {"grace_days": 30, "lapse_after_days": 365, "reinstatement": {"fee": 50}}
    publish_version(SYSTEM, fund, {"effective_from": "2026-01-01", "contributions": rules})
    close_through(treasurer, fund, OCTOBER, today=TODAY)
    record_payments(treasurer, fund, [Payment("000003", 400_00, D(2026, 11, 10), key="back")], today=TODAY)
    november = close_through(treasurer, fund, "2026-11", today=D(2026, 12, 3))
    member = Member.objects.get(fund=fund, number="000003")
    assert (member.status, standings(november)["000003"][2]) == ("lapsed", "lapsed")
    assert standings(november)["000003"][1] == D(2026, 12, 1)  # covered, yet not back without the fee

    fee = Payment("000003", 50_00, D(2026, 12, 5), key="fee", purpose=Purpose.REINSTATEMENT_FEE)
    record_payments(treasurer, fund, [fee], today=D(2026, 12, 5))
    december = close_through(treasurer, fund, "2026-12", today=D(2027, 1, 3))
    member.refresh_from_db()
    assert (member.status, member.status_since) == ("active", D(2026, 12, 5))
    assert standings(december)["000003"][2] == "paid_up"
    assert list(member.status_changes.values_list("status", "effective_on"))[-2:] == [
        ("lapsed", D(2026, 10, 28)),
        ("active", D(2026, 12, 5)),
    ]


def test_a_month_already_locked_in_the_books_is_still_closed_whole(fund, treasurer):
    from sajja.ledger.services import close_period

    close_period(treasurer, fund, 2026, 10)  # the books' own button, before the month-end close
    close = close_through(treasurer, fund, OCTOBER, today=TODAY)
    assert summary(close)["G01"] == (6200, 36500, 2, 0, 0)
    assert ClosedPeriod.objects.filter(fund=fund).count() == 22  # January 2025 to October 2026, once each
