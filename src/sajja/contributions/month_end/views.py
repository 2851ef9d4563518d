"""Pages of the month-end close: the next month to close, with what its close would do and one button,
and a closed month's summary by group. Thin: the selectors read, `close_month` writes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sajja.access.policy import can, require
from sajja.contributions.models import StandingChoice
from sajja.contributions.month_end.selectors import close_page_for, month_close_for, summaries_of
from sajja.contributions.month_end.services import close_month, month_of
from sajja.core.errors import DomainError
from sajja.core.month import Month
from sajja.reasons import current_language, in_language
from sajja.registry.selectors import fund_for


@login_required
def month_list(request, code):
    """The open month, the next month to close (oldest first) with its preview and the button, and the
    latest closed months."""
    fund = fund_for(request.user, code)
    context = {
        "fund": fund,
        "page": close_page_for(request.user, fund),
        "can_close": can(request.user, fund, "close_period"),
        "standings": StandingChoice.labels,  # the columns of each closed month's counts
    }
    return render(request, "contributions/close_months.html", context)


@login_required
@require_POST
def month_close(request, code, period):
    """The button: close the month, then show its summary (closing a closed month changes nothing)."""
    fund = fund_for(request.user, code)
    require(request.user, fund, "close_period")
    try:
        close = close_month(request.user, fund, period)
    except DomainError as exc:
        messages.error(request, in_language(exc))
        return redirect("month_end:month-closes", code=fund.code)
    label = Month.from_number(close.period).label(current_language())
    messages.success(request, _("Month-end close of %(period)s done") % {"period": label})
    return redirect("month_end:month-close-summary", code=fund.code, period=period)


@login_required
def month_summary(request, code, period):
    """A closed month: expected vs. collected and members' standing, by group."""
    fund = fund_for(request.user, code)
    year, month = month_of(period)
    close = month_close_for(request.user, fund, (year, month))
    context = {
        "fund": fund,
        "close": close,
        "summaries": summaries_of(close),
        "standings": StandingChoice.labels,
    }
    return render(request, "contributions/close_month.html", context)
