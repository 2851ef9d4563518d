"""Keeping the roll-up's tables: each fund's figures worked out again from its books (books.compute) and
written over the ones kept, for the months of the current span (the fiscal year to date, and last month),
and for every co-funding request of the fund (a receipt or a refund of any year changes its request's).

They are derived data, not the books: no audit event, no write lock of the books. The reading happens
before the writing transaction, which only replaces a few rows per fund, so a refresh never holds up a
payment. A refresh runs after every committed write of a fund (signals.py), when the worker stores a
projection, and for any set of funds from the command line (`sajja rollup refresh`), which is the way
to bring every fund's figures to a new month before anything is written in it.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from sajja.core import thai_dates
from sajja.registry.models import Fund
from sajja.rollup.books import SNAPSHOT_FIELDS, FundBooks, Span, compute
from sajja.rollup.models import FundBenefitFigures, FundCofundingFigures, FundFigures, FundMonthFigures


def refresh(fund_ids: Sequence[int] | None = None, today: datetime.date | None = None) -> int:
    """Work out again the figures of these funds (every fund when None) as of `today` (the fund's day
    when not given) and keep them. Returns how many funds were refreshed."""
    today = today or thai_dates.today()
    found = compute(fund_ids, today)
    _write(found, Span.of(today), None if fund_ids is None else [b.fund_id for b in found])
    return len(found)


def _write(found: list[FundBooks], span: Span, ids: list[int] | None) -> None:
    now = timezone.now()
    first, current = span.first.number, span.current.number
    with transaction.atomic():
        funds = Fund.objects.all() if ids is None else Fund.objects.filter(pk__in=ids)
        # one refresh of a fund at a time (two commits of the same fund may refresh it side by side)
        list(funds.select_for_update().values_list("pk", flat=True))
        kept = FundFigures.objects.all() if ids is None else FundFigures.objects.filter(fund_id__in=ids)
        kept.delete()
        cofunding = FundCofundingFigures.objects.all()
        (cofunding if ids is None else cofunding.filter(fund_id__in=ids)).delete()
        months = FundMonthFigures.objects.filter(period__gte=first, period__lte=current)
        benefits = FundBenefitFigures.objects.filter(period__gte=first, period__lte=current)
        if ids is not None:
            months, benefits = months.filter(fund_id__in=ids), benefits.filter(fund_id__in=ids)
        months.delete()
        benefits.delete()
        FundFigures.objects.bulk_create(
            (
                FundFigures(
                    fund_id=b.fund_id,
                    as_of=span.today,
                    period=current,
                    refreshed_at=now,
                    **{name: getattr(b.snapshot, name) for name in SNAPSHOT_FIELDS},
                )
                for b in found
            ),
            batch_size=1000,
        )
        FundMonthFigures.objects.bulk_create(
            (
                FundMonthFigures(fund_id=b.fund_id, period=p, expected=e, collected=c, closed=closed)
                for b in found
                for p, (e, c, closed) in b.months.items()
            ),
            batch_size=2000,
        )
        FundBenefitFigures.objects.bulk_create(
            (
                FundBenefitFigures(
                    fund_id=b.fund_id, period=p, category=category, claims=v.claims, amount=v.amount
                )
                for b in found
                for (p, category), v in b.benefits.items()
            ),
            batch_size=2000,
        )
        FundCofundingFigures.objects.bulk_create(
            (
                FundCofundingFigures(
                    fund_id=b.fund_id,
                    fiscal_year=year,
                    party=party,
                    due_on=b.cofunding_due[year],
                    requested=v.requested,
                    received=v.received,
                    to_refund=v.to_refund,
                )
                for b in found
                for (year, party), v in b.cofunding.items()
            ),
            batch_size=2000,
        )
