"""Pages of claims: the list, entry, a claim with its evidence, and the committee's steps."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sajja.access.policy import capabilities, own_member_ids, require
from sajja.core import thai_dates
from sajja.core.errors import DomainError, NotFound
from sajja.reasons import in_language
from sajja.registry.models import Member
from sajja.registry.selectors import fund_for, member_for
from sajja.welfare import selectors
from sajja.welfare.claims import services
from sajja.welfare.claims.claimants import may_enter_for, require_enter_for
from sajja.welfare.claims.evidence import attach_evidence, evidence_for, max_bytes
from sajja.welfare.forms import ClaimForm, PayForm, RejectForm
from sajja.welfare.reasons import OPEN_STATUSES, ClaimStatus, suggested_rejection

PAGE_SIZE = 50  # claims on a page of the list


@login_required
def claim_list(request, code):
    fund = fund_for(request.user, code)
    status = request.GET.get("status", "")
    status = status if status in ClaimStatus.values else ""
    claims = selectors.claims_for(request.user, fund, status)
    page = Paginator(claims, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "fund": fund,
        "page": page,
        "status": status,
        "statuses": ClaimStatus.choices,
        "caps": capabilities(request.user, fund),
    }
    return render(request, "welfare/claim_list.html", context)


def _claimant(user, fund, number: str) -> Member:
    return member_for(user, fund, number.strip())


@login_required
def claim_new(request, code):
    fund = fund_for(request.user, code)
    caps = capabilities(request.user, fund)
    if "enter_claims" not in caps:
        require(request.user, fund, "enter_own_claim")
    scheme = selectors.require_scheme(fund)
    version = scheme.version_on(thai_dates.today()) or scheme.versions[-1]
    own = Member.objects.filter(pk__in=own_member_ids(request.user), fund=fund).first()
    fixed = own.number if "enter_claims" not in caps and own else ""
    number = fixed or request.GET.get("member", "")
    form = ClaimForm(
        request.POST or None, benefits=version.benefits, language=get_language() or "th", member_number=number
    )
    if fixed:
        form.fields["member"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            member = _claimant(request.user, fund, fixed or data["member"])
            claim, created = services.enter_claim(
                request.user,
                fund,
                member,
                services.ClaimData(
                    data["benefit"], data["event_date"], data["nights"], data["level"], data["details"]
                ),
                token=f"web:{data['token']}",
            )
        except NotFound as exc:
            form.add_error("member", in_language(exc))
        except DomainError as exc:
            form.add_error(None, in_language(exc))
        else:
            if created:
                messages.success(request, _("Claim #%(id)s entered") % {"id": claim.pk})
            else:
                messages.info(
                    request,
                    _("This form was already sent: claim #%(id)s was entered once") % {"id": claim.pk},
                )
            return redirect("welfare:claim-detail", code=fund.code, pk=claim.pk)
    return render(request, "welfare/claim_new.html", {"fund": fund, "form": form, "version": version})


@login_required
def claim_detail(request, code, pk):
    fund = fund_for(request.user, code)
    claim = selectors.claim_for(request.user, fund, pk)
    caps = capabilities(request.user, fund)
    approvals = selectors.approvals_of(claim)
    me = request.user.pk
    own_work = me in (claim.entered_by_id, claim.member.user_id)
    approved_now = any(a.approver_id == me and a.digest == claim.digest for a in approvals)
    explanation = claim.adjudication.get("explanation", {})
    context = {
        "fund": fund,
        "claim": claim,
        "approvals": [(a, a.digest == claim.digest) for a in approvals],
        "current_approvals": sum(1 for a in approvals if a.digest == claim.digest),
        "explanation": explanation.get("en" if (get_language() or "th").startswith("en") else "th", []),
        "can_verify": "verify_claims" in caps and claim.status == ClaimStatus.ENTERED and not own_work,
        "can_approve": "approve_claims" in caps
        and claim.status == ClaimStatus.VERIFIED
        and not own_work
        and not approved_now,
        "can_reject": "reject_claims" in caps and claim.status in OPEN_STATUSES,
        "can_pay": "pay_claims" in caps and claim.status == ClaimStatus.APPROVED and claim.amount > 0,
        "caps": caps,
        "evidence": list(claim.evidence.all()),
        "can_attach": claim.status in OPEN_STATUSES and may_enter_for(request.user, fund, claim.member),
        # when the rules pay nothing, the form proposes the matching coded reason (the committee decides)
        "reject_form": RejectForm(
            initial={"reason": suggested_rejection(claim.adjudication) if claim.amount == 0 else ""}
        ),
        "pay_form": PayForm(initial={"source": "payable" if claim.recipient == "beneficiary" else "cash"}),
    }
    return render(request, "welfare/claim_detail.html", context)


def _act(request, code, pk, capability, act, done_message):
    """Run one action on a claim and come back to its page, saying what happened or why not."""
    fund = fund_for(request.user, code)
    require(request.user, fund, capability)
    claim = selectors.claim_for(request.user, fund, pk)
    try:
        act(claim)
    except DomainError as exc:
        messages.error(request, in_language(exc))
    else:
        messages.success(request, done_message % {"id": claim.pk})
    return redirect("welfare:claim-detail", code=fund.code, pk=claim.pk)


@login_required
@require_POST
def claim_verify(request, code, pk):
    return _act(
        request,
        code,
        pk,
        "verify_claims",
        lambda c: services.verify_claim(request.user, c),
        _("Claim #%(id)s verified"),
    )


@login_required
@require_POST
def claim_approve(request, code, pk):
    digest = request.POST.get("digest", "")
    return _act(
        request,
        code,
        pk,
        "approve_claims",
        lambda c: services.approve_claim(request.user, c, digest),
        _("Your approval of claim #%(id)s is recorded"),
    )


@login_required
@require_POST
def claim_reject(request, code, pk):
    form = RejectForm(request.POST)
    reason = form.data.get("reason", "")
    note = form.data.get("note", "")
    return _act(
        request,
        code,
        pk,
        "reject_claims",
        lambda c: services.reject_claim(request.user, c, reason, note),
        _("Claim #%(id)s rejected"),
    )


@login_required
@require_POST
def claim_pay(request, code, pk):
    form = PayForm(request.POST)
    form.is_valid()
    source = form.cleaned_data.get("source") or request.POST.get("source", "")
    day = form.cleaned_data.get("date") or thai_dates.today()
    return _act(
        request,
        code,
        pk,
        "pay_claims",
        lambda c: services.pay_claim(request.user, c, source, day),
        _("Claim #%(id)s paid and posted to the books"),
    )


@login_required
@require_POST
def evidence_add(request, code, pk):
    fund = fund_for(request.user, code)
    claim = selectors.claim_for(request.user, fund, pk)
    require_enter_for(request.user, fund, claim.member)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file to attach"))
    elif upload.size > max_bytes():
        messages.error(request, _("The file is too large"))
    else:
        try:
            attach_evidence(request.user, claim, upload.name, upload.read())
        except DomainError as exc:
            messages.error(request, in_language(exc))
        else:
            messages.success(request, _("File attached: the claim goes back to verification"))
    return redirect("welfare:claim-detail", code=fund.code, pk=claim.pk)


@login_required
def evidence_file(request, code, pk, evidence_id):
    fund = fund_for(request.user, code)
    claim = selectors.claim_for(request.user, fund, pk)  # 404 for anyone who may not see the claim
    evidence, path = evidence_for(claim, evidence_id)
    response = FileResponse(path.open("rb"), content_type=evidence.content_type)
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{_quoted(evidence.name)}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _quoted(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")
