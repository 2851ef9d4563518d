"""The meeting sheet page: one group, one date, every member's amount on one phone-sized form."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sajja.access.policy import require
from sajja.contributions import selectors
from sajja.contributions.forms import PromptPayForm, SheetDateForm
from sajja.contributions.models import Purpose
from sajja.contributions.promptpay import promptpay_id_of
from sajja.contributions.sheets import sheet_receipts as sheet_receipts_of
from sajja.contributions.sheets import submit_sheet
from sajja.core import thai_dates
from sajja.core.errors import DomainError
from sajja.core.money import MoneyError, parse_baht
from sajja.reasons import in_language
from sajja.registry.selectors import fund_for


def _day(request) -> tuple[datetime.date, str]:
    """The sheet's meeting date, and what is wrong with the one asked for (then today is shown)."""
    form = SheetDateForm(request.POST if request.method == "POST" else request.GET)
    if form.is_valid():
        return form.cleaned_data["date"], ""
    asked = form.data.get("date", "")
    return thai_dates.today(), form.errors["date"][0] if asked else ""


@login_required
def meeting_sheet(request, code, group):
    fund = fund_for(request.user, code)
    require(request.user, fund, "post_entries")
    group = selectors.group_for(request.user, fund, group)
    day, bad_day = _day(request)
    rows = selectors.meeting_sheet_rows(request.user, fund, group, day)
    errors: list[str] = [f"{_('Meeting date')}: {bad_day}"] if bad_day else []
    typed: dict[str, str] = {}
    if request.method == "POST" and not bad_day:  # a sheet sent with a date unread posts nothing
        amounts: dict[str, int] = {}
        fees = {
            r.member.number: (r.fee, r.fee_amount)
            for r in rows
            if r.fee and request.POST.get(f"fee-{r.member.number}")
        }
        for row in rows:
            text = request.POST.get(f"amount-{row.member.number}", "").strip()
            typed[row.member.number] = text
            if not text:
                continue
            try:
                amounts[row.member.number] = parse_baht(text)
            except MoneyError:
                errors.append(_("Member %(n)s: not an amount: %(v)s") % {"n": row.member.number, "v": text})
        if not errors:
            try:
                result = submit_sheet(request.user, fund, group, day, amounts, fees=fees)
            except DomainError as exc:
                errors += [in_language(e) for e in getattr(exc, "errors", None) or [exc]]
            else:
                if result.created:
                    messages.success(
                        request, _("Sheet recorded: %(n)s receipts issued") % {"n": result.created}
                    )
                else:
                    messages.info(request, _("This sheet was already recorded: nothing more was posted"))
                url = reverse("contributions:meeting-sheet", kwargs={"code": fund.code, "group": group.code})
                return redirect(f"{url}?date={day.isoformat()}")
    issued = sheet_receipts_of(fund, group, day)
    done = {r.member_id: r for r in issued if r.purpose == Purpose.CONTRIBUTION}
    fees_done = {r.member_id: r for r in issued if r.purpose != Purpose.CONTRIBUTION}
    lines = [
        (row, done.get(row.member.pk), typed.get(row.member.number, ""), fees_done.get(row.member.pk))
        for row in rows
    ]
    context = {
        "fund": fund,
        "group": group,
        "day": day,
        "lines": lines,
        "errors": errors,
        "submitted": bool(issued),
        "total_due": sum(row.due for row in rows),
        "total_paid": sum(r.amount for r in done.values()),
        "fees_paid": sum(r.amount for r in fees_done.values()),
    }
    return render(request, "contributions/meeting_sheet.html", context)


@login_required
def fund_contributions(request, code):
    """The treasurer's starting point: record, import, receipts, and each group's meeting sheet."""
    fund = fund_for(request.user, code)
    require(request.user, fund, "post_entries")
    context = {
        "fund": fund,
        "groups": selectors.groups_for(request.user, fund),
        "promptpay_form": PromptPayForm(initial={"promptpay_id": promptpay_id_of(fund) or ""}),
    }
    return render(request, "contributions/fund_contributions.html", context)


@login_required
def sheet_receipts(request, code, group):
    """Every receipt issued from one group's sheet on one date, on one page to print (one per sheet of paper)."""
    fund = fund_for(request.user, code)
    require(request.user, fund, "post_entries")
    group = selectors.group_for(request.user, fund, group)
    day = _day(request)[0]  # a date unread: today's sheet
    receipts = sheet_receipts_of(fund, group, day)
    context = {"fund": fund, "group": group, "day": day, "receipts": receipts}
    return render(request, "contributions/sheet_receipts.html", context)
