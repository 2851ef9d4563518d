"""Access policy of the contributions area: payments, receipts, imports, meeting sheets, statements."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sajja.access.policy import SYSTEM
from sajja.contributions.services import record_payment
from sajja.contributions.validation import Payment
from tests.access.asking import Ask, _fund, _key


def _rules():
    from tests.access.policy import FUND, R

    # fmt: off
    return [
        # route                                   method  scope nobody member treas. commit. auditor coord. admin   what it is
        R("contributions:fund-contributions",     "GET",  FUND, 302,   403,   200,   403,    403,    403,   200,   "the treasurer's contributions page"),
        R("contributions:fund-promptpay",         "GET",  FUND, 302,   405,   405,   405,    405,    405,   405,   "setting PromptPay needs the button (POST)"),
        R("contributions:fund-promptpay",         "POST", FUND, 302,   403,   302,   403,    403,    403,   302,   "setting the fund's PromptPay ID"),
        R("contributions:member-contributions",   "GET",  FUND, 302,   200,   200,   200,    200,    200,   200,   "a member's contributions (a member: their own)"),
        R("contributions:payment-new",            "GET",  FUND, 302,   403,   200,   403,    403,    403,   200,   "the form to record a payment"),
        R("contributions:payment-new",            "POST", FUND, 302,   403,   302,   403,    403,    403,   302,   "recording a payment, then its receipt"),
        R("contributions:payment-import",         "GET",  FUND, 302,   403,   200,   403,    403,    403,   200,   "the form to import a payments file"),
        R("contributions:payment-import",         "POST", FUND, 302,   403,   302,   403,    403,    403,   302,   "importing a payments file"),
        R("contributions:receipt-list",           "GET",  FUND, 302,   403,   200,   200,    200,    200,   200,   "the fund's receipts"),
        R("contributions:receipt-detail",         "GET",  FUND, 302,   200,   200,   200,    200,    200,   200,   "a printable receipt (a member: their own)"),
        R("contributions:receipt-pdf",            "GET",  FUND, 302,   200,   200,   200,    200,    200,   200,   "a receipt as PDF (a member: their own)"),
        R("contributions:receipt-cancel",         "GET",  FUND, 302,   405,   405,   405,    405,    405,   405,   "cancelling needs the button (POST)"),
        R("contributions:receipt-cancel",         "POST", FUND, 302,   403,   302,   403,    403,    403,   302,   "cancelling a receipt"),
        R("contributions:meeting-sheet",          "GET",  FUND, 302,   403,   200,   403,    403,    403,   200,   "a group's meeting sheet"),
        R("contributions:meeting-sheet",          "POST", FUND, 302,   403,   302,   403,    403,    403,   302,   "recording a meeting sheet"),
        R("contributions:sheet-receipts",         "GET",  FUND, 302,   403,   200,   403,    403,    403,   200,   "a meeting sheet's receipts, to print"),
        R("contributions:member-statement-pdf",   "GET",  FUND, 302,   200,   200,   200,    200,    200,   200,   "a member's statement as PDF (a member: their own)"),
        R("contributions:collection-report",      "GET",  FUND, 302,   403,   200,   200,    200,    200,   200,   "expected vs. collected by group and month"),
        R("contributions:collection-report-csv",  "GET", FUND, 302,   403,   200,   200,    200,    200,   200,   "the collection report as CSV"),
        R("contributions:collection-report-xlsx", "GET", FUND, 302,  403,   200,   200,    200,    200,   200,   "the collection report as XLSX"),
        R("contributions:members-behind",         "GET",  FUND, 302,   403,   200,   200,    200,    200,   200,   "members in arrears or lapsed, by group"),
        R("contributions:members-behind-csv",     "GET",  FUND, 302,   403,   200,   200,    200,    200,   200,   "the members behind as CSV"),
        R("contributions:members-behind-xlsx",    "GET",  FUND, 302,   403,   200,   200,    200,    200,   200,   "the members behind as XLSX"),
        R("api:member-statement",                 "GET",  FUND, 401,   200,   200,   200,    200,    200,   200,   "a member's contributions (a member: their own)"),
        R("api:members-behind",                   "GET",  FUND, 401,   403,   200,   200,    200,    200,   200,   "members in arrears or lapsed, by group"),
        R("api:collection-report",                "GET", FUND, 401,   403,   200,   200,    200,    200,   200,   "expected vs. collected by group and month"),
        R("api:import-payments",                  "POST", FUND, 401,   403,   201,   403,    403,    403,   201,   "importing a payments file (all or nothing)"),
        R("api:record-payment",                   "POST", FUND, 401,   403,   201,   403,    403,    403,   201,   "recording a payment"),
        R("api:receipt",                          "GET",  FUND, 401,   200,   200,   200,    200,    200,   200,   "a receipt (a member: their own)"),
    ]
    # fmt: on


def __getattr__(name):
    """RULES, built when asked for (PEP 562): tests.access.policy reads every area's RULES while it is
    itself being imported, and pytest may import this module first; building the rows on demand
    from the policy's already-defined R and FUND avoids a circular import."""
    if name == "RULES":
        rules = _rules()
        _list_api_rows(rules)
        return rules
    raise AttributeError(name)


def _list_api_rows(rules) -> None:
    """Until tests/access/policy.py adds the areas' API rows to its API list (which the API-only checks
    walk), add ours there, once."""
    import sys

    policy = sys.modules["tests.access.policy"]
    listed = {(r.route, r.method) for r in policy.API}
    policy.API.extend(r for r in rules if r.route.startswith("api:") and (r.route, r.method) not in listed)


def _day(world) -> str:
    """A different past day for each ask, after every world member joined."""
    return (datetime.date(2025, 4, 1) + datetime.timedelta(days=world.serial() % 300)).isoformat()


def _receipt(world, side) -> dict:
    """A fresh receipt of the side's member, as URL arguments."""
    payment = Payment(side.member.number, 3000, datetime.date(2025, 3, 20), key=f"matrix-{world.serial()}")
    return {**_fund(side), "number": record_payment(SYSTEM, side.fund, payment).number}


def _payment_form(world, side, role) -> Ask:
    data = {
        "token": f"matrix-{world.serial()}",
        "member": side.member.number,
        "date": _day(world),
        "amount": "30.00",
        "channel": "cash",
        "book_number": "",
    }
    return Ask(reverse("contributions:payment-new", kwargs=_fund(side)), data)


def _upload(world, side, role) -> Ask:
    content = f"member,date,amount\n{side.member.number},{_day(world)},30\n".encode()
    return Ask(
        reverse("contributions:payment-import", kwargs=_fund(side)),
        {"file": SimpleUploadedFile("payments.csv", content)},
    )


def _api_upload(world, side, role) -> Ask:
    """The file as the request's body (the matrix sends API bodies as they are), named in the query."""
    content = f"member,date,amount\n{side.member.number},{_day(world)},30\n"
    path = reverse("api:import-payments", kwargs=_fund(side)) + "?name=payments.csv"
    return Ask(path, content, _key(world))


def _sheet(side) -> dict:
    return {**_fund(side), "group": "G01"}


def _sheet_post(world, side, role) -> Ask:
    data = {"date": _day(world), f"amount-{side.member.number}": "30"}
    return Ask(reverse("contributions:meeting-sheet", kwargs=_sheet(side)), data)


RECIPES = {
    ("contributions:fund-contributions", "GET"): lambda w, s, role: Ask(
        reverse("contributions:fund-contributions", kwargs=_fund(s))
    ),
    ("contributions:fund-promptpay", "GET"): lambda w, s, role: Ask(
        reverse("contributions:fund-promptpay", kwargs=_fund(s))
    ),
    ("contributions:fund-promptpay", "POST"): lambda w, s, role: Ask(
        reverse("contributions:fund-promptpay", kwargs=_fund(s)), {"promptpay_id": f"08{w.serial():08d}"}
    ),
    ("contributions:member-contributions", "GET"): lambda w, s, role: Ask(
        reverse("contributions:member-contributions", kwargs={**_fund(s), "number": s.member.number})
    ),
    ("contributions:payment-new", "GET"): lambda w, s, role: Ask(
        reverse("contributions:payment-new", kwargs=_fund(s))
    ),
    ("contributions:payment-new", "POST"): _payment_form,
    ("contributions:payment-import", "GET"): lambda w, s, role: Ask(
        reverse("contributions:payment-import", kwargs=_fund(s))
    ),
    ("contributions:payment-import", "POST"): _upload,
    ("contributions:receipt-list", "GET"): lambda w, s, role: Ask(
        reverse("contributions:receipt-list", kwargs=_fund(s))
    ),
    ("contributions:receipt-detail", "GET"): lambda w, s, role: Ask(
        reverse("contributions:receipt-detail", kwargs=_receipt(w, s))
    ),
    ("contributions:receipt-pdf", "GET"): lambda w, s, role: Ask(
        reverse("contributions:receipt-pdf", kwargs=_receipt(w, s))
    ),
    ("contributions:receipt-cancel", "GET"): lambda w, s, role: Ask(
        reverse("contributions:receipt-cancel", kwargs=_receipt(w, s))
    ),
    ("contributions:receipt-cancel", "POST"): lambda w, s, role: Ask(
        reverse("contributions:receipt-cancel", kwargs=_receipt(w, s)), {"reason": "บันทึกผิด"}
    ),
    ("contributions:meeting-sheet", "GET"): lambda w, s, role: Ask(
        reverse("contributions:meeting-sheet", kwargs=_sheet(s))
    ),
    ("contributions:meeting-sheet", "POST"): _sheet_post,
    ("contributions:sheet-receipts", "GET"): lambda w, s, role: Ask(
        reverse("contributions:sheet-receipts", kwargs=_sheet(s)) + f"?date={_day(w)}"
    ),
    ("api:member-statement", "GET"): lambda w, s, role: Ask(
        reverse("api:member-statement", kwargs={**_fund(s), "number": s.member.number})
    ),
    ("api:record-payment", "POST"): lambda w, s, role: Ask(
        reverse("api:record-payment", kwargs=_fund(s)),
        {"member": s.member.number, "amount": 3000, "date": _day(w), "channel": "cash"},
        _key(w),
    ),
    ("api:receipt", "GET"): lambda w, s, role: Ask(reverse("api:receipt", kwargs=_receipt(w, s))),
    ("contributions:member-statement-pdf", "GET"): lambda w, s, role: Ask(
        reverse("contributions:member-statement-pdf", kwargs={**_fund(s), "number": s.member.number})
    ),
    ("contributions:collection-report", "GET"): lambda w, s, role: Ask(
        reverse("contributions:collection-report", kwargs=_fund(s))
    ),
    ("contributions:collection-report-csv", "GET"): lambda w, s, role: Ask(
        reverse("contributions:collection-report-csv", kwargs=_fund(s)) + "?year=2025"
    ),
    ("contributions:collection-report-xlsx", "GET"): lambda w, s, role: Ask(
        reverse("contributions:collection-report-xlsx", kwargs=_fund(s)) + "?year=2025"
    ),
    ("api:collection-report", "GET"): lambda w, s, role: Ask(
        reverse("api:collection-report", kwargs=_fund(s)) + "?from=2025-01&to=2025-06"
    ),
    ("api:import-payments", "POST"): _api_upload,
    ("api:members-behind", "GET"): lambda w, s, role: Ask(reverse("api:members-behind", kwargs=_fund(s))),
    ("contributions:members-behind", "GET"): lambda w, s, role: Ask(
        reverse("contributions:members-behind", kwargs=_fund(s))
    ),
    ("contributions:members-behind-csv", "GET"): lambda w, s, role: Ask(
        reverse("contributions:members-behind-csv", kwargs=_fund(s))
    ),
    ("contributions:members-behind-xlsx", "GET"): lambda w, s, role: Ask(
        reverse("contributions:members-behind-xlsx", kwargs=_fund(s))
    ),
}
