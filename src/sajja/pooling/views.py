"""The network's pooling page for its coordinator (and administrators): the rule in force, what each fund
owes the pool for a fiscal year and has remitted, the top-ups the pool paid, and the network's consolidated
income and expenses with the money between its funds eliminated.

A fiscal year in the address (?fy=) is read in either era (2569 or 2026); the page says which it read. Every
money form posts to its service with the form's token as the write's key (sending twice records once); a
refusal is shown beside its field in the request's language and writes nothing. A role held in one of the
network's funds reaches the network but not this page (403); outside the network, 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sajja.access.policy import can, network_for
from sajja.cofunding.selectors import read_fiscal_year
from sajja.core import thai_dates
from sajja.core.errors import DomainError
from sajja.pooling import reasons, selectors, services
from sajja.pooling.forms import RemitForm, RuleForm, TopUpForm
from sajja.reasons import current_language
from sajja.schemes.cofunding.fiscal import FiscalYear, fiscal_year_of
from sajja.schemes.pooling import BASIS_POINTS

VIEW, MANAGE = "view_pooling", "manage_pooling"


def _language() -> str:
    return "en" if current_language().startswith("en") else "th"


def _year(asked: str):
    """(the fiscal year asked for, or this one; what was read, or None)."""
    asked = (asked or "").strip()
    if not asked:
        return fiscal_year_of(thai_dates.today()), None
    read = read_fiscal_year(asked, "fy")
    return read.fiscal_year, read


def _fund_choices(network) -> list[tuple[str, str]]:
    language = _language()
    return [
        (f.code, f"{f.code} · {f.name_en if language == 'en' else f.name_th}")
        for f in selectors.network_funds(network)
    ]


def rate_text(rule) -> str:
    """The rule's rate as people say it: 10% or 20.00 baht a member."""
    if rule.basis == "per_member":
        return _("%(baht)s baht per member") % {"baht": f"{rule.rate // 100:,}.{rule.rate % 100:02d}"}
    percent = f"{rule.rate * 100 / BASIS_POINTS:.2f}".rstrip("0").rstrip(".")
    return f"{percent}%"


def _context(
    request, network, fy: FiscalYear, read=None, *, remit_form=None, top_up_form=None, rule_form=None
):
    language = _language()
    year = selectors.pooling_year(network, fy)
    rule = year.rule
    manage = can(request.user, network, MANAGE)
    funds = _fund_choices(network)
    context = {
        "network": network,
        "year": year,
        "rule": rule,
        "rate": rate_text(rule) if rule else "",
        "fy": fy,
        "fy_label": fy.label(language),
        "fy_span": fy.span(language),
        "said": read.said(language) if read else "",
        "rule_from": FiscalYear(rule.from_fiscal_year).label(language) if rule else "",
        "consolidated": year.consolidated,
        "rows": [
            {"r": r, "name": r.name_en if language == "en" else r.name_th} for r in year.consolidated.rows
        ],
        "can_manage": manage,
    }
    if manage:
        remitting = [(code, label) for code, label in funds if not rule or code != rule.pool_fund.code]
        context["remit_form"] = remit_form or RemitForm(funds=remitting)
        context["top_up_form"] = top_up_form or TopUpForm()
        context["rule_form"] = rule_form or RuleForm(funds=funds, initial={"from_fy": fy.be})
    return context


def _page(request, network, fy, read=None, status=200, **forms):
    return render(
        request, "pooling/network.html", _context(request, network, fy, read, **forms), status=status
    )


def _back(network, fy: FiscalYear, anchor: str = ""):
    return redirect(f"{reverse('pooling:network', args=[network.code])}?fy={fy.be}{anchor}")


@login_required
@require_GET
def network_page(request, network):
    network = network_for(request.user, network, VIEW)
    fy, read = _year(request.GET.get("fy", ""))
    return _page(request, network, fy, read)


def _errors(exc: DomainError) -> list:
    return getattr(exc, "errors", None) or [exc]


@login_required
@require_POST
def remit(request, network):
    """Money one of the network's funds sent to the pool: an entry in each fund's books."""
    network = network_for(request.user, network, MANAGE)
    fy, read = _year(request.GET.get("fy", ""))
    form = RemitForm(request.POST, funds=_fund_choices(network))
    if form.is_valid():
        d = form.cleaned_data
        fund = next(f for f in selectors.network_funds(network) if f.code == d["fund"])  # a choice of them
        try:
            services.remit_to(
                request.user,
                fund,
                network,
                fy,
                d["amount"],
                d["paid_on"],
                f"web:{d['token']}",
                paid_from=d["paid_from"],
                paid_into=d["paid_into"],
                note=d["note"].strip(),
            )
        except DomainError as exc:
            form.refused(_errors(exc))
        else:
            messages.success(request, _("Remittance recorded in both funds' books"))
            return _back(network, fy, "#funds")
    return _page(request, network, fy, read, status=400, remit_form=form)


@login_required
@require_POST
def top_up(request, network):
    """The pool pays back part of a large claim: an entry in the pool's books and one in the fund's."""
    network = network_for(request.user, network, MANAGE)
    fy, read = _year(request.GET.get("fy", ""))
    form = TopUpForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        claim = selectors.network_claim(network, d["claim"])
        try:
            if claim is None:
                raise reasons.CLAIM_NOT_IN_NETWORK.invalid("claim", claim=d["claim"], network=network.code)
            services.pay_top_up(
                request.user,
                network,
                claim,
                d["amount"],
                d["paid_on"],
                f"web:{d['token']}",
                paid_from=d["paid_from"],
                paid_into=d["paid_into"],
            )
        except DomainError as exc:
            form.refused(_errors(exc))
        else:
            messages.success(request, _("Top-up paid and posted to both funds' books"))
            return _back(network, fy, "#top-ups")
    return _page(request, network, fy, read, status=400, top_up_form=form)


@login_required
@require_POST
def rule(request, network):
    """The network's pooling rule from a fiscal year on."""
    network = network_for(request.user, network, MANAGE)
    fy, read = _year(request.GET.get("fy", ""))
    form = RuleForm(request.POST, funds=_fund_choices(network))
    if form.is_valid():
        d = form.cleaned_data
        data = services.RuleData(
            pool_fund=d["pool_fund"],
            basis=d["basis"],
            rate=d["rate"],
            top_up_threshold=d["top_up_threshold"] or 0,
            top_up_percent=d["top_up_percent"] or 0,
            top_up_cap=d["top_up_cap"],
            note=d["note"].strip(),
        )
        try:
            services.set_rule(request.user, network, d["from_fy"].fiscal_year, data)
        except DomainError as exc:
            form.refused(_errors(exc))
        else:
            messages.success(request, _("Pooling rule set"))
            return _back(network, fy, "#rule")
    return _page(request, network, fy, read, status=400, rule_form=form)
