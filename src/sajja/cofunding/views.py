"""Pages of co-funding for the treasurer (and, read-only, every overseer of the fund): the fiscal years with
where each stands, one year's entitlement with its request and the money received and refunded against it,
the request's documents, and the fund's money by source.

A fiscal year in the address is read in either era (2569 or 2026); the page says which it read. Every form
posts to its service with the form's token as the write's key (sending twice records once); a refusal is
shown beside its field in the request's language and writes nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sajja.access.policy import can, require
from sajja.cofunding import documents, selectors, services, services_money
from sajja.cofunding.books import Source
from sajja.cofunding.chain import fund_chain_intact
from sajja.cofunding.forms import ReceiptForm, RefundForm, RequestForm
from sajja.cofunding.models import CofundingRequest
from sajja.cofunding.selectors_sources import METHOD_EN, METHOD_TH, money_by_source_for, welfare_by_source_for
from sajja.cofunding.writing import ratio_text
from sajja.core import thai_dates
from sajja.core.errors import DomainError
from sajja.reasons import current_language
from sajja.registry.selectors import fund_for
from sajja.schemes.cofunding import Exclusion, FiscalYear, Party, fiscal_year_of

YEARS_SHOWN = 5  # the current fiscal year and the four before it (and any year requested)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _language() -> str:
    return "en" if current_language().startswith("en") else "th"


@dataclass(frozen=True)
class YearRow:
    """One fiscal year on the overview: its request and the parties' standings, or its entitlement."""

    fiscal_year: FiscalYear
    label: str
    request: CofundingRequest | None
    standings: list
    provisional: bool
    rules_met: bool | None
    counted: int | None
    parties: list  # (label, amount) of what it would ask, for a year not requested
    problem: str = ""
    language: str = "th"

    @property
    def lines(self) -> list[dict]:
        """Each party's standing with its label in the page's language."""
        return [{"s": s, "label": s.party.label(self.language)} for s in self.standings]

    @property
    def requested(self) -> int:
        return sum(s.requested for s in self.standings)

    @property
    def received(self) -> int:
        return sum(s.received for s in self.standings)

    @property
    def outstanding(self) -> int:
        return sum(s.outstanding for s in self.standings)

    @property
    def to_refund(self) -> int:
        return sum(s.to_refund for s in self.standings)


def _years(fund, today: datetime.date) -> list[FiscalYear]:
    current = fiscal_year_of(today)
    first = fiscal_year_of(fund.founded_on) if getattr(fund, "founded_on", None) else current
    shown = {FiscalYear(ce) for ce in range(max(first.ce, current.ce - YEARS_SHOWN + 1), current.ce + 1)}
    shown |= {
        FiscalYear(ce)
        for ce in CofundingRequest.objects.filter(fund=fund).values_list("fiscal_year", flat=True)
    }
    return sorted(shown, key=lambda fy: fy.ce, reverse=True)


def _year_row(fund, fy: FiscalYear, today: datetime.date, intact: bool, language: str) -> YearRow:
    made = selectors.request_of(fund, fy)
    label = fy.label(language)
    if made is not None:
        rules_met = all(r["passed"] for r in made.rules)
        standing = selectors.standings(made)
        return YearRow(fy, label, made, standing, False, rules_met, made.counted, [], language=language)
    try:
        computed = selectors.entitlement(fund, fy, today=today, chain_intact=intact)
    except DomainError as exc:
        problem = exc.message_en if language == "en" else exc.message_th
        return YearRow(fy, label, None, [], today <= fy.end, None, None, [], problem, language)
    result = computed.result
    parties = [(t.party.label(language), t.amount) for t in result.totals if t.party is not Party.MEMBERS]
    return YearRow(
        fy,
        label,
        None,
        [],
        computed.provisional,
        result.rules_met,
        result.counted,
        parties,
        language=language,
    )


@login_required
def years(request, code):
    """Each fiscal year: provisional or final, the rules met, what was requested and received, what is
    still owed and what was overpaid, per party."""
    fund = fund_for(request.user, code)
    require(request.user, fund, "view_cofunding")
    today = thai_dates.today()
    language = _language()
    intact = fund_chain_intact(fund)
    rows = [_year_row(fund, fy, today, intact, language) for fy in _years(fund, today)]
    context = {"fund": fund, "rows": rows, "current": fiscal_year_of(today)}
    return render(request, "cofunding/years.html", context)


# --- one fiscal year -----------------------------------------------------------------------------------


def _owing(made: CofundingRequest) -> list[str]:
    return list(
        made.parties.exclude(party=Party.MEMBERS.value).filter(amount__gt=0).values_list("party", flat=True)
    )


def _year_context(request, fund, fy, *, request_form=None, receipt_form=None, refund_form=None) -> dict:
    """What the year's page shows: the entitlement (or the request as it was made), each party's
    standing, and the forms the user may use."""
    language = _language()
    read = selectors.read_fiscal_year(fy)
    year = read.fiscal_year
    today = thai_dates.today()
    made = selectors.request_of(fund, year)
    computed = selectors.entitlement(fund, year, today=today)
    result = computed.result
    excluded: dict[Exclusion, list] = {}
    for line in result.excluded_lines():
        for reason in line.reasons:
            excluded.setdefault(reason, []).append(line.row.number)
    groups = [
        {"label": reason.label(language), "numbers": sorted(numbers), "count": len(numbers)}
        for reason, numbers in sorted(excluded.items())
    ]
    may_request = can(request.user, fund, "request_cofunding")
    may_receive = can(request.user, fund, "receive_cofunding")
    context = {
        "fund": fund,
        "read": read,
        "fy": year,
        "fy_label": year.label(language),
        "fy_span": year.span(language),
        "said": read.said(language),
        "computed": computed,
        "result": result,
        "rules": [{"code": r.code, "passed": r.passed, "message": r.message(language)} for r in result.rules],
        "totals": [
            {
                "label": t.party.label(language),
                "ratio": ratio_text(t.rule.ratio),
                "cap": t.rule.cap_per_member,
                "amount": t.amount,
                "would_be": t.would_be,
                "members_capped": t.members_capped,
                "members": t.party is Party.MEMBERS,
            }
            for t in result.totals
        ],
        "excluded": groups,
        "policy_name": computed.policy.name(language),
        "made": made,
        "standings": [],
        "receipts": [],
        "refunds": [],
        "can_request": False,
        "can_receive": False,
        "can_refund": False,
    }
    if made is None:
        year_over = today > year.end
        context["year_over"] = year_over
        context["first_day"] = year.end + datetime.timedelta(days=1)
        if may_request and year_over and result.rules_met:
            context["can_request"] = True
            context["request_form"] = request_form or RequestForm()
        return context
    standings = selectors.standings(made)
    context["standings"] = [{"s": s, "label": s.party.label(language), "late": s.late} for s in standings]
    context["receipts"] = [
        {"r": r, "label": Party(r.party).label(language), "late": r.received_on > made.due_on}
        for r in made.receipts.order_by("received_on", "id")
    ]
    context["refunds"] = [
        {"r": r, "label": Party(r.party).label(language)} for r in made.refunds.order_by("refunded_on", "id")
    ]
    context["requested_rules"] = [
        {"passed": r["passed"], "message": r["message_en"] if language == "en" else r["message_th"]}
        for r in made.rules
    ]
    if may_receive:
        context["can_receive"] = True
        context["receipt_form"] = receipt_form or ReceiptForm(parties=_owing(made))
        overpaid = [s.party.value for s in standings if s.to_refund > 0]
        if overpaid or refund_form is not None:
            context["can_refund"] = True
            context["refund_form"] = refund_form or RefundForm(
                parties=overpaid, initial={"amount": _refund_initial(standings, overpaid)}
            )
    return context


def _refund_initial(standings, overpaid: list[str]) -> str:
    """The first overpaid party's amount left to refund, in baht, as the form shows it."""
    left = next((s.to_refund for s in standings if s.party.value in overpaid), 0)
    return f"{left // 100}.{left % 100:02d}" if left else ""


@login_required
def year(request, code, fy):
    """The year's entitlement: the rules with their reasons, who counts and why the others do not, each
    party's amount; once requested, what each party has paid and still owes, and the forms."""
    fund = fund_for(request.user, code)
    require(request.user, fund, "view_cofunding")
    return render(request, "cofunding/year.html", _year_context(request, fund, fy))


def _back(fund, fy, anchor: str = ""):
    return redirect(f"{_year_url(fund, fy)}{anchor}")


def _year_url(fund, fy) -> str:
    return reverse("cofunding:year", args=[fund.code, fy])


@login_required
@require_POST
def make_request(request, code, fy):
    """Request the year's co-funding: a receivable per party that owes something."""
    fund = fund_for(request.user, code)
    require(request.user, fund, "request_cofunding")
    year_read = selectors.read_fiscal_year(fy).fiscal_year
    form = RequestForm(request.POST)
    if form.is_valid():
        try:
            made, new = services.request(
                fund,
                year_read,
                request.user,
                f"web:{form.cleaned_data['token']}",
                due_on=form.cleaned_data["due_on"],
            )
        except DomainError as exc:
            form.refused(getattr(exc, "errors", None) or [exc])
        else:
            messages.success(request, _("Co-funding requested: request no. %(n)s") % {"n": made.pk})
            return _back(fund, fy)
    context = _year_context(request, fund, fy, request_form=form)
    context["can_request"] = True
    return render(request, "cofunding/year.html", context, status=400)


@login_required
@require_POST
def receive(request, code, fy):
    """Money a party paid against the year's request."""
    fund = fund_for(request.user, code)
    require(request.user, fund, "receive_cofunding")
    made = selectors.request_for(request.user, fund, fy)
    form = ReceiptForm(request.POST, parties=_owing(made))
    if form.is_valid():
        d = form.cleaned_data
        try:
            row, _new = services_money.receive(
                made,
                d["party"],
                d["amount"],
                d["received_on"],
                request.user,
                f"web:{d['token']}",
                into=d["into"],
                note=d["note"].strip(),
            )
        except DomainError as exc:
            form.refused(getattr(exc, "errors", None) or [exc])
        else:
            messages.success(request, _("Co-funding received and posted to the books"))
            if row.overpaid:
                messages.warning(request, _("More was received than was owed: the rest is to be refunded"))
            return _back(fund, fy, "#standing")
    return render(
        request, "cofunding/year.html", _year_context(request, fund, fy, receipt_form=form), status=400
    )


@login_required
@require_POST
def refund(request, code, fy):
    """Give back to a party what it paid more than it owed."""
    fund = fund_for(request.user, code)
    require(request.user, fund, "receive_cofunding")
    made = selectors.request_for(request.user, fund, fy)
    parties = [s.party.value for s in selectors.standings(made) if s.overpaid > 0]
    form = RefundForm(request.POST, parties=parties)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services_money.refund(
                made,
                d["party"],
                d["amount"],
                d["refunded_on"],
                request.user,
                f"web:{d['token']}",
                paid_from=d["paid_from"],
                note=d["note"].strip(),
            )
        except DomainError as exc:
            form.refused(getattr(exc, "errors", None) or [exc])
        else:
            messages.success(request, _("Overpayment refunded and posted to the books"))
            return _back(fund, fy, "#standing")
    return render(
        request, "cofunding/year.html", _year_context(request, fund, fy, refund_form=form), status=400
    )


@login_required
def request_pdf(request, code, fy):
    """The request as the fund files it: Thai, A4."""
    fund = fund_for(request.user, code)
    made = selectors.request_for(request.user, fund, fy)
    response = HttpResponse(documents.request_pdf(made), content_type="application/pdf")
    name = f"cofunding-{fund.code}-{FiscalYear(made.fiscal_year).be}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@login_required
def request_xlsx(request, code, fy):
    """The request's member lines as a sheet."""
    fund = fund_for(request.user, code)
    made = selectors.request_for(request.user, fund, fy)
    response = HttpResponse(documents.request_xlsx(made), content_type=XLSX)
    name = f"cofunding-{fund.code}-{FiscalYear(made.fiscal_year).be}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- money by source -----------------------------------------------------------------------------------


@login_required
def sources(request, code):
    """The fund's money by where it came from, and the welfare it paid by source (this fiscal year, or the
    one asked for with ?fy=)."""
    fund = fund_for(request.user, code)
    require(request.user, fund, "view_cofunding")
    language = _language()
    asked = request.GET.get("fy", "").strip()
    read = selectors.read_fiscal_year(asked, "fy") if asked else None
    year = read.fiscal_year if read else fiscal_year_of(thai_dates.today())
    money = money_by_source_for(request.user, fund)
    welfare = welfare_by_source_for(request.user, fund, year.start, year.end)
    labels = {row.source.value: row.source.label(language) for row in money.rows}

    def label(source: str) -> str:
        return labels.get(source) or Source(source).label(language)

    context = {
        "fund": fund,
        "money": money,
        "rows": [{"r": r, "label": r.source.label(language)} for r in money.rows],
        "welfare": welfare,
        "welfare_rows": [
            {"label": label(source), "amount": amount, "percent": round(welfare.share(source), 1)}
            for source, amount in welfare.by_source.items()
        ],
        "benefits": [
            {
                "name": b.name_en if language == "en" else b.name_th,
                "total": b.total,
                "parts": [(label(s), a) for s, a in b.by_source.items() if a],
            }
            for b in welfare.rows
        ],
        "fy": year,
        "fy_label": year.label(language),
        "said": read.said(language) if read else "",
        "method": METHOD_EN if language == "en" else METHOD_TH,
    }
    return render(request, "cofunding/sources.html", context)
