"""The figures follow the books: a payment, a close or a stored projection refreshes its fund's figures once
the write commits; `sajja rollup refresh` brings any set of funds to a new month."""

from __future__ import annotations

import datetime

from sajja.access.policy import SYSTEM
from sajja.contributions.services import record_payment
from sajja.contributions.validation import Payment
from sajja.rollup import selectors
from sajja.rollup.models import FundFigures, FundMonthFigures
from sajja.rollup.services import refresh
from tests.rollup.factories import TODAY, projected


def own_row(today=TODAY):
    rollup = selectors.network_figures(SYSTEM, "net-a", today)
    return next(row for row in rollup.rows if row.code == "own-fund")


def test_a_payment_refreshes_its_funds_figures_once_it_commits(
    network_world, django_capture_on_commit_callbacks
):
    own = network_world["own"]
    before = own_row().figures
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        record_payment(
            SYSTEM, own, Payment("000002", 30_00, datetime.date(2026, 11, 20), "cash", key="k20"), today=TODAY
        )
    assert len(callbacks) >= 1
    after = own_row().figures
    assert after.month_collected == before.month_collected + 30_00
    assert after.reserve == before.reserve + 30_00
    assert after.year_collected == before.year_collected + 30_00


def test_one_refresh_per_fund_and_transaction(network_world, django_capture_on_commit_callbacks):
    from sajja.rollup.signals import _AfterCommit

    own = network_world["own"]
    with django_capture_on_commit_callbacks() as callbacks:
        for day in (17, 18, 19):
            record_payment(
                SYSTEM,
                own,
                Payment("000002", 30_00, datetime.date(2026, 11, day), "cash", key=f"k{day}"),
                today=TODAY,
            )
    assert [c.fund_id for c in callbacks if isinstance(c, _AfterCommit)] == [own.pk]


def test_a_stored_projection_refreshes_the_risk(network_world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        projected(network_world["own"], 0.2)
    assert own_row().figures.ruin_probability == 0.2


def test_figures_of_an_earlier_month_are_not_current_until_refreshed(network_world):
    december = datetime.date(2026, 12, 3)
    row = own_row(december)
    assert [flag.code for flag in row.flags][-1] == "not_current"
    assert row.figures.month_expected == 0 and row.figures.funds_not_current == 1
    refresh(today=december)
    row = own_row(december)
    assert row.figures.funds_not_current == 0
    assert row.figures.month_expected == 3 * 31_00 + 31_00  # 000001-000004, all of December
    assert row.figures.last_month_collected == 120_00  # November, as before


def test_refreshing_again_changes_nothing(network_world):
    rows = sorted(
        FundMonthFigures.objects.values_list("fund_id", "period", "expected", "collected", "closed")
    )
    snapshot = sorted(FundFigures.objects.values_list("fund_id", "reserve", "months_unclosed", "paid_up"))
    assert refresh(today=TODAY) == 3
    assert (
        sorted(FundMonthFigures.objects.values_list("fund_id", "period", "expected", "collected", "closed"))
        == rows
    )
    assert (
        sorted(FundFigures.objects.values_list("fund_id", "reserve", "months_unclosed", "paid_up"))
        == snapshot
    )


def test_refreshing_one_fund_leaves_the_others_as_they_were(network_world):
    second = network_world["second"]
    FundFigures.objects.filter(fund=second).update(reserve=1)
    refresh([network_world["own"].pk], today=TODAY)
    assert FundFigures.objects.get(fund=second).reserve == 1
    assert FundFigures.objects.count() == 3
