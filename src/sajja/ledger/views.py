"""Pages of the books: accounts, entries, trial balance, posting, reversing, closing a month."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sajja.access.policy import can, require
from sajja.core import thai_dates
from sajja.core.errors import DomainError
from sajja.core.ledger.records import Entry as EntryRecord
from sajja.core.ledger.records import Posting
from sajja.core.thai_dates import format_period
from sajja.ledger import guards, selectors, services
from sajja.ledger.forms import PeriodForm, SimpleEntryForm
from sajja.reasons import current_language, in_language
from sajja.registry.selectors import fund_for

PAGE_SIZE = 50


@login_required
def account_list(request, code):
    fund = fund_for(request.user, code)
    return render(
        request,
        "ledger/account_list.html",
        {"fund": fund, "accounts": selectors.accounts_for(request.user, fund)},
    )


@login_required
def account_detail(request, code, account_code):
    fund = fund_for(request.user, code)
    account = selectors.account_for(request.user, fund, account_code)
    entries = selectors.entries_for(request.user, fund, account)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "ledger/account_detail.html", {"fund": fund, "account": account, "page": page})


@login_required
def entry_list(request, code):
    fund = fund_for(request.user, code)
    page = Paginator(selectors.entries_for(request.user, fund), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "ledger/entry_list.html",
        {"fund": fund, "page": page, "can_post": can(request.user, fund, "post_entries")},
    )


@login_required
def entry_detail(request, code, pk):
    fund = fund_for(request.user, code)
    entry = selectors.entry_for(request.user, fund, pk)
    return render(
        request,
        "ledger/entry_detail.html",
        {
            "fund": fund,
            "entry": entry,
            "lines": selectors.entry_lines(entry),
            "reversal": getattr(entry, "reversed_by", None),
            "can_post": can(request.user, fund, "post_entries"),
        },
    )


@login_required
def entry_new(request, code):
    """A two-line entry. The form carries a one-time token: sending it twice posts one entry."""
    fund = fund_for(request.user, code)
    require(request.user, fund, "post_entries")
    accounts = [a for a in selectors.accounts_for(request.user, fund) if not a.is_control]
    form = SimpleEntryForm(
        request.POST or None,
        accounts=accounts,
        language=current_language(),
        authorisers=guards.authorisers(fund),
    )
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
            result = services.post_entries(
                request.user, fund, [record], authorised_by=data.get("authorised_by")
            )
        except DomainError as exc:
            form.add_error(None, in_language(exc))
        else:
            entry_id = result.entry_ids[0]
            for warning in result.warnings:
                messages.warning(request, in_language(warning, place=False))
            if result.replayed:
                messages.info(
                    request,
                    _(
                        "This form was already sent: entry #%(id)s was posted once and nothing more was recorded"
                    )
                    % {"id": entry_id},
                )
            else:
                messages.success(request, _("Entry #%(id)s posted") % {"id": entry_id})
            return redirect("ledger:entry-detail", code=fund.code, pk=entry_id)
    return render(request, "ledger/entry_new.html", {"fund": fund, "form": form})


@login_required
@require_POST
def entry_reverse(request, code, pk):
    """Post the mirror of an entry, dated today. Pressing the button twice reverses it once."""
    fund = fund_for(request.user, code)
    require(request.user, fund, "post_entries")
    entry = selectors.entry_for(request.user, fund, pk)
    try:
        reversal = services.reverse_entry(request.user, entry, thai_dates.today(), key=f"reverse:{entry.pk}")
    except DomainError as exc:
        messages.error(request, in_language(exc))
        return redirect("ledger:entry-detail", code=fund.code, pk=entry.pk)
    messages.success(request, _("Entry #%(id)s reversed") % {"id": entry.pk})
    return redirect("ledger:entry-detail", code=fund.code, pk=reversal.pk)


@login_required
def trial_balance(request, code):
    fund = fund_for(request.user, code)
    period_form = PeriodForm(request.GET if request.GET.get("period") else None)
    as_of = None
    if period_form.is_bound and period_form.is_valid():
        as_of = selectors.period_end(*period_form.cleaned_data["period"])
    report = selectors.trial_balance(request.user, fund, as_of)
    return render(
        request,
        "ledger/trial_balance.html",
        {
            "fund": fund,
            "report": report,
            "period_form": period_form,
            "closed": selectors.closed_periods_for(request.user, fund),
            "can_close": can(request.user, fund, "close_period"),
            "close_form": PeriodForm(prefix="close"),
        },
    )


@login_required
@require_POST
def period_close(request, code):
    fund = fund_for(request.user, code)
    require(request.user, fund, "close_period")
    form = PeriodForm(request.POST, prefix="close")
    if form.is_valid():
        year, month = form.cleaned_data["period"]
        try:
            services.close_period(request.user, fund, year, month)
        except DomainError as exc:
            messages.error(request, in_language(exc))
        else:
            label = format_period(year, month, current_language())
            messages.success(request, _("Month %(period)s closed") % {"period": label})
    else:
        for error in form.errors.get("period", []):
            messages.error(request, error)
    return redirect("ledger:trial-balance", code=fund.code)
