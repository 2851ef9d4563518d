"""Pages of the contributions area: recording a payment, receipts, a member's contributions, imports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sajja.access.policy import can, require
from sajja.contributions import selectors, services
from sajja.contributions.forms import CancelForm, PaymentForm, PromptPayForm, UploadForm
from sajja.contributions.imports import (
    CHANGED_EN,
    CHANGED_TH,
    CONFIRM,
    SKIP,
    ImportHeld,
    ImportRefused,
    already_imported_text,
    import_payments,
)
from sajja.contributions.promptpay import payment_qr, promptpay_id_of, set_promptpay_id
from sajja.contributions.validation import Payment
from sajja.core import thai_dates
from sajja.core.errors import DomainError
from sajja.reasons import current_language, in_language
from sajja.registry.selectors import fund_for

RECENT_RECEIPTS = 24


@login_required
def member_contributions(request, code, number):
    """A member's statement: paid-through date, arrears, standing and receipts."""
    fund = fund_for(request.user, code)
    statement = selectors.statement_for(request.user, fund, number)
    qr = None if statement.member.status in selectors.ENDED else payment_qr(fund, statement.due_month_end)
    # a phone shows the latest receipts (ten years of monthly payments are 120); the rest on asking, and in the PDF
    receipts = statement.receipts if request.GET.get("all") else statement.receipts[:RECENT_RECEIPTS]
    context = {"fund": fund, "s": statement, "qr": qr, "receipts": receipts}
    return render(request, "contributions/member_contributions.html", context)


@login_required
def payment_new(request, code):
    """One payment. The form's token is the payment's key: sending it twice records one payment."""
    fund = fund_for(request.user, code)
    require(request.user, fund, "post_entries")
    # a statement's links prefill the member, and for the entry fee its purpose and amount
    initial = {k: request.GET[k] for k in ("member", "purpose", "amount") if k in request.GET}
    form = PaymentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        payment = Payment(
            d["member"],
            d["amount"],
            d["date"],
            d["channel"],
            d["book_number"].strip(),
            f"web:{d['token']}",
            d["purpose"],
        )
        try:
            receipt = services.record_payment(request.user, fund, payment)
        except DomainError as exc:
            form.refused(getattr(exc, "errors", None) or [exc])
        else:
            messages.success(request, _("Payment recorded: receipt no. %(n)s") % {"n": receipt.number})
            return redirect("contributions:receipt-detail", code=fund.code, number=receipt.number)
    return render(request, "contributions/payment_new.html", {"fund": fund, "form": form})


@login_required
def receipt_list(request, code):
    fund = fund_for(request.user, code)
    q = request.GET.get("q", "")
    page = Paginator(selectors.receipts_for(request.user, fund, q), 50).get_page(request.GET.get("page"))
    return render(request, "contributions/receipt_list.html", {"fund": fund, "page": page, "q": q})


@login_required
def receipt_detail(request, code, number):
    """The receipt, printable: amount in Thai words, Buddhist-era date, fund, member, who received it."""
    fund = fund_for(request.user, code)
    receipt = selectors.receipt_for(request.user, fund, number)
    context = {
        "fund": fund,
        "receipt": receipt,
        "can_cancel": can(request.user, fund, "post_entries") and not receipt.is_cancelled,
        "cancel_form": CancelForm(),
    }
    return render(request, "contributions/receipt_detail.html", context)


@login_required
@require_POST
def receipt_cancel(request, code, number):
    fund = fund_for(request.user, code)
    require(request.user, fund, "post_entries")
    receipt = selectors.receipt_for(request.user, fund, number)
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for cancelling"))
        return redirect("contributions:receipt-detail", code=fund.code, number=receipt.number)
    try:
        services.cancel_receipt(request.user, receipt, thai_dates.today(), form.cleaned_data["reason"])
    except DomainError as exc:
        messages.error(request, in_language(exc))
    else:
        messages.success(request, _("Receipt no. %(n)s cancelled") % {"n": receipt.number})
    return redirect("contributions:receipt-detail", code=fund.code, number=receipt.number)


@login_required
def payment_import(request, code):
    """Upload a CSV or XLSX file; a refused file shows every bad row, and nothing of it is kept. A file
    with rows that may repeat payments already recorded is held, those rows shown: sent again with the
    held answer's token and the box ticked they are recorded as new payments, with it unticked they are
    left out; if the possible duplicates are no longer those shown, it is held again. A file imported
    before posts nothing and says so, when and with which receipts; ticked, its rows are recorded anew."""
    fund = fund_for(request.user, code)
    require(request.user, fund, "post_entries")
    form = UploadForm(request.POST or None, request.FILES or None)
    report = held = changed = already = anew = None
    thai = current_language().startswith("th")
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        # the decision stands for the report it was shown with (its token), not for what is found later
        token = request.POST.get("duplicates_token", "").strip()[:64] or None
        decision = (CONFIRM if request.POST.get("confirm_duplicates") else SKIP) if token else None
        try:
            result = import_payments(request.user, fund, upload.name, data, duplicates=decision, token=token)
        except ImportHeld as refused:
            report, held = refused.report, refused.token
            if refused.changed:
                changed = CHANGED_TH if thai else CHANGED_EN
        except ImportRefused as refused:
            report = refused.report
        except DomainError as exc:
            form.add_error(None, in_language(exc))
        else:
            if result.earlier is not None and decision is None:
                # nothing recorded: said here, prominently, with the way to record the rows anew
                th, en = already_imported_text(
                    result,
                    "ติ๊กช่องด้านล่างแล้วเลือกไฟล์เดิมอีกครั้ง",
                    "tick the box below and choose the same file again",
                )
                already, held = (th if thai else en), result.token
                anew = (
                    "เป็นการชำระเงินครั้งใหม่จริง: บันทึกรายการของไฟล์นี้เป็นการชำระใหม่ (ไม่ติ๊ก: ไม่บันทึกอะไรเพิ่ม)"
                    if thai
                    else "These are new payments: record the file's rows as new payments (unticked: record nothing more)"
                )
                context = {"fund": fund, "form": form, "held": held, "already": already, "anew": anew}
                return render(request, "contributions/payment_import.html", context)
            if result.earlier is not None:
                th, en = already_imported_text(result)
                messages.warning(request, th if thai else en)
            messages.success(
                request,
                _("%(rows)s rows imported: %(new)s new receipts, %(old)s already imported")
                % {
                    "rows": result.count,
                    "new": result.created,
                    "old": result.count - result.created,
                },
            )
            if result.skipped:
                messages.info(
                    request,
                    _("%(n)s possible duplicates skipped (rows %(rows)s)")
                    % {"n": len(result.skipped), "rows": ", ".join(map(str, result.skipped))},
                )
            if result.confirmed:
                messages.info(
                    request, _("%(n)s possible duplicates recorded as new payments") % {"n": result.confirmed}
                )
            return redirect("contributions:receipt-list", code=fund.code)
    context = {"fund": fund, "form": form, "report": report, "held": held, "changed": changed}
    return render(request, "contributions/payment_import.html", context)


@login_required
@require_POST
def fund_promptpay(request, code):
    """Set the fund's PromptPay ID, from the contributions page."""
    fund = fund_for(request.user, code)
    require(request.user, fund, "post_entries")
    form = PromptPayForm(request.POST)
    if form.is_valid():
        try:
            set_promptpay_id(request.user, fund, form.cleaned_data["promptpay_id"])
        except DomainError as exc:
            for error in getattr(exc, "errors", None) or [exc]:
                messages.error(request, in_language(error, place=False))
        else:
            messages.success(request, _("PromptPay ID saved: %(id)s") % {"id": promptpay_id_of(fund)})
    else:  # sent empty: say so, rather than come back as if saved
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, f"{form.fields['promptpay_id'].label}: {error}")
    return redirect("contributions:fund-contributions", code=fund.code)


@login_required
def receipt_pdf(request, code, number):
    """The receipt as a PDF (A6 by default, ?size=a4 for A4), set in a Thai font from Debian's fonts-thai-tlwg."""
    fund = fund_for(request.user, code)
    receipt = selectors.receipt_for(request.user, fund, number)
    size = "A4" if request.GET.get("size", "").lower() == "a4" else "A6"
    with translation.override("th"):
        html = render_to_string(
            "contributions/receipt_pdf.html", {"fund": fund, "receipt": receipt, "page_size": size}
        )
    from weasyprint import HTML  # loaded only when a PDF is asked for

    pdf = HTML(string=html).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="receipt-{fund.code}-{receipt.number}.pdf"'
    return response
