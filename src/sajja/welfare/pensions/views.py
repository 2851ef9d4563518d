"""Pension batches at the monthly meeting: generate the month's pensions, then verify, approve and pay
them together."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, F, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sajja.access.policy import capabilities, require
from sajja.core import thai_dates
from sajja.core.errors import DomainError
from sajja.reasons import in_language
from sajja.registry.selectors import fund_for
from sajja.welfare.forms import PayForm, PensionForm
from sajja.welfare.pensions import services as pensions
from sajja.welfare.reasons import ClaimStatus


@login_required
def batch_list(request, code):
    fund = fund_for(request.user, code)
    require(request.user, fund, "view_claims")
    form = PensionForm(request.POST or None)
    if request.method == "POST":
        require(request.user, fund, "enter_claims")
        if form.is_valid():
            day = form.cleaned_data["day"]
            try:
                made = pensions.generate_pensions(request.user, fund, day)
            except DomainError as exc:
                messages.error(request, in_language(exc))
            else:
                messages.success(request, _("%(n)s pension claims entered") % {"n": len(made)})
                return redirect("welfare:pension-batch", code=fund.code, batch=pensions.batch_name(day))
            return redirect("welfare:pension-batches", code=fund.code)
    context = {
        "fund": fund,
        "form": form,
        "batches": pensions.batches(fund),
        "caps": capabilities(request.user, fund),
    }
    return render(request, "welfare/pension_batches.html", context)


@login_required
def batch_detail(request, code, batch):
    fund = fund_for(request.user, code)
    require(request.user, fund, "view_claims")
    current = Count("approvals", filter=Q(approvals__digest=F("digest")))
    claims = list(pensions.batch_claims(fund, batch).annotate(current_approvals=current))
    caps = capabilities(request.user, fund)
    statuses = {c.status for c in claims}
    context = {
        "fund": fund,
        "batch": batch,
        "claims": claims,
        "total": sum(c.amount for c in claims),
        "digest": pensions.batch_digest(fund, batch),
        "can_verify": "verify_claims" in caps and ClaimStatus.ENTERED in statuses,
        "can_approve": "approve_claims" in caps and ClaimStatus.VERIFIED in statuses,
        "can_pay": "pay_claims" in caps and ClaimStatus.APPROVED in statuses,
        "pay_form": PayForm(),
        "caps": caps,
    }
    return render(request, "welfare/pension_batch.html", context)


def _act(request, code, batch, act, capability):
    fund = fund_for(request.user, code)
    require(request.user, fund, capability)
    try:
        result = act(fund)
    except DomainError as exc:
        messages.error(request, in_language(exc))
    else:
        messages.success(request, _("%(n)s claims done") % {"n": len(result.done)})
        for claim, why in result.skipped:
            messages.info(request, f"#{claim}: {why}")
    return redirect("welfare:pension-batch", code=fund.code, batch=batch)


@login_required
@require_POST
def batch_verify(request, code, batch):
    digest = request.POST.get("digest", "")
    return _act(
        request, code, batch, lambda f: pensions.verify_batch(request.user, f, batch, digest), "verify_claims"
    )


@login_required
@require_POST
def batch_approve(request, code, batch):
    digest = request.POST.get("digest", "")
    return _act(
        request,
        code,
        batch,
        lambda f: pensions.approve_batch(request.user, f, batch, digest),
        "approve_claims",
    )


@login_required
@require_POST
def batch_pay(request, code, batch):
    form = PayForm(request.POST)
    form.is_valid()
    source = form.cleaned_data.get("source") or "cash"
    day = form.cleaned_data.get("date") or thai_dates.today()
    return _act(
        request, code, batch, lambda f: pensions.pay_batch(request.user, f, batch, source, day), "pay_claims"
    )
