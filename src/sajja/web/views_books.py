"""Pages of the books: accounts, entries, trial balance, posting, reversing, closing a month."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sajja.access.policy import can, require
from sajja.core.errors import DomainError
from sajja.core.ledger.records import Entry as EntryRecord
from sajja.core.ledger.records import Posting
from sajja.ledger import selectors, services
from sajja.registry.selectors import fund_for
from sajja.web.forms import PeriodForm, SimpleEntryForm


@login_required
def account_list(request, code):
    fund = fund_for(request.user, code)
    return render(
        request,
        "web/account_list.html",
        {"fund": fund, "accounts": selectors.accounts_for(request.user, fund)},
    )


@login_required
def account_detail(request, code, account_code):
    fund = fund_for(request.user, code)
    account = selectors.account_for(request.user, fund, account_code)
    page = Paginator(selectors.entries_for(request.user, fund, account), 50).get_page(request.GET.get("page"))
    return render(request, "web/account_detail.html", {"fund": fund, "account": account, "page": page})


@login_required
def entry_list(request, code):
    fund = fund_for(request.user, code)
    page = Paginator(selectors.entries_for(request.user, fund), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "web/entry_list.html",
        {"fund": fund, "page": page, "can_post": can(request.user, fund, "post_entries")},
    )


@login_required
def entry_detail(request, code, pk):
    fund = fund_for(request.user, code)
    entry = selectors.entry_for(request.user, fund, pk)
    reversal = getattr(entry, "reversed_by", None) if hasattr(entry, "reversed_by") else None
    return render(
        request,
        "web/entry_detail.html",
        {
            "fund": fund,
            "entry": entry,
            "lines": selectors.entry_lines(entry),
            "reversal": reversal,
            "can_post": can(request.user, fund, "post_entries"),
        },
    )


@login_required
def entry_new(request, code):
    fund = fund_for(request.user, code)
    require(request.user, fund, "post_entries")
    accounts = [a for a in selectors.accounts_for(request.user, fund) if not a.is_control]
    form = SimpleEntryForm(request.POST or None, accounts=accounts)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        record = EntryRecord(
            date=data["date"],
            memo=data["memo"],
            kind="general",
            key=f"web:{data['token']}",
            postings=(Posting(data["debit"], data["amount"]), Posting(data["credit"], -data["amount"])),
        )
        try:
            entry = services.post_entry(request.user, fund, record)
        except DomainError as exc:
            form.add_error(None, exc.message(get_language() or "th"))
        else:
            messages.success(request, _("Entry #%(id)s posted") % {"id": entry.pk})
            return redirect("entry-detail", code=fund.code, pk=entry.pk)
    return render(request, "web/entry_new.html", {"fund": fund, "form": form})


@login_required
@require_POST
def entry_reverse(request, code, pk):
    fund = fund_for(request.user, code)
    require(request.user, fund, "post_entries")
    entry = selectors.entry_for(request.user, fund, pk)
    try:
        reversal = services.reverse_entry(
            request.user, entry, datetime.date.today(), key=f"reverse:{entry.pk}"
        )
    except DomainError as exc:
        messages.error(request, exc.message(get_language() or "th"))
        return redirect("entry-detail", code=fund.code, pk=entry.pk)
    messages.success(request, _("Entry #%(id)s reversed") % {"id": entry.pk})
    return redirect("entry-detail", code=fund.code, pk=reversal.pk)


@login_required
def trial_balance(request, code):
    fund = fund_for(request.user, code)
    period_text = request.GET.get("period", "")
    as_of = None
    if period_text:
        year, month = selectors.parse_period(period_text)
        as_of = selectors.period_end(year, month)
    report = selectors.trial_balance(request.user, fund, as_of)
    return render(
        request,
        "web/trial_balance.html",
        {
            "fund": fund,
            "report": report,
            "period": period_text,
            "closed": selectors.closed_periods_for(request.user, fund),
            "can_close": can(request.user, fund, "close_period"),
            "close_form": PeriodForm(),
        },
    )


@login_required
@require_POST
def period_close(request, code):
    fund = fund_for(request.user, code)
    require(request.user, fund, "close_period")
    form = PeriodForm(request.POST)
    if form.is_valid():
        year, month = selectors.parse_period(form.cleaned_data["period"])
        try:
            services.close_period(request.user, fund, year, month)
        except DomainError as exc:
            messages.error(request, exc.message(get_language() or "th"))
        else:
            messages.success(request, _("Month %(period)s closed") % {"period": form.cleaned_data["period"]})
    else:
        messages.error(request, _("Enter the month as YYYY-MM"))
    return redirect("trial-balance", code=fund.code)
