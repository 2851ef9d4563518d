"""The co-funding records as plain data: what the API answers and `sajja cofunding ... --format json`
prints (amounts in satang, fiscal years in both eras, every message in Thai and English)."""

from __future__ import annotations

from sajja.cofunding.models import CofundingReceipt, CofundingRefund, CofundingRequest
from sajja.cofunding.selectors import Computed, PartyStanding, standings
from sajja.cofunding.selectors_sources import METHOD_EN, METHOD_TH, MoneyBySource, WelfareBySource
from sajja.cofunding.writing import ratio_text
from sajja.schemes.cofunding import FiscalYear, Party, ReadFiscalYear


def fiscal_year_out(fy: FiscalYear, read: ReadFiscalYear | None = None) -> dict:
    out = {
        "be": fy.be,
        "ce": fy.ce,
        "start": fy.start,
        "end": fy.end,
        "label_th": fy.label("th"),
        "label_en": fy.label("en"),
    }
    if read is not None:
        out |= {"read_as": read.era.value, "said_th": read.said("th"), "said_en": read.said("en")}
    return out


def _party(party: Party) -> dict:
    return {"party": party.value, "label_th": party.label("th"), "label_en": party.label("en")}


def rules_out(rules) -> list[dict]:
    return [
        {"code": r.code, "passed": r.passed, "message_th": r.message_th, "message_en": r.message_en}
        for r in rules
    ]


def entitlement_out(computed: Computed, *, lines: bool = False) -> dict:
    """The entitlement as data; `lines`: with every member's line (the members who count and why the others
    do not), by member number."""
    result = computed.result
    version = result.version
    out = {
        "fund": computed.fund.code,
        "fiscal_year": fiscal_year_out(computed.fiscal_year, computed.read),
        "computed_on": computed.computed_on,
        "provisional": computed.provisional,
        "policy": {
            "code": computed.policy.code,
            "name_th": computed.policy.name_th,
            "name_en": computed.policy.name_en,
            "version_from_fy": version.from_fy.be,
            "max_matched_years": version.max_matched_years,
            "rounding": result.rounding,
        },
        "rules_met": result.rules_met,
        "rules": rules_out(result.rules),
        "members": {
            "listed": len(result.lines),
            "counted": result.counted,
            "excluded": result.excluded,
            "excluded_by": {e.value: n for e, n in sorted(result.excluded_by.items())},
        },
        "parties": [
            {
                **_party(t.party),
                "ratio": ratio_text(t.rule.ratio),
                "cap_per_member": t.rule.cap_per_member,
                "amount": t.amount,
                "would_be": t.would_be,
                "members_capped": t.members_capped,
                "withheld_by": [r.code for r in t.withheld_by],
            }
            for t in result.totals
        ],
        "lines_digest": computed.lines_digest,
    }
    if lines:
        parties = result.parties
        out["lines"] = [
            {
                "member": line.row.number,
                "joined_on": line.row.joined_on,
                "status": line.row.status,
                "status_since": line.row.status_since,
                "paid": line.row.paid,
                "years_matched": line.row.years_matched,
                "counted": line.counted,
                "reasons": [r.value for r in line.reasons],
                "why_th": result.why(line, "th"),
                "why_en": result.why(line, "en"),
                "amounts": {p.value: a for p, a in zip(parties, line.amounts, strict=True)},
            }
            for line in result.lines
        ]
    return out


def standing_out(s: PartyStanding) -> dict:
    return {
        **_party(s.party),
        "requested": s.requested,
        "received": s.received,
        "applied": s.applied,
        "outstanding": s.outstanding,
        "overpaid": s.overpaid,
        "refunded": s.refunded,
        "to_refund": s.to_refund,
        "receipts": s.receipts,
        "received_late": s.late,
        "settled": s.settled,
    }


def receipt_out(r: CofundingReceipt, due_on) -> dict:
    return {
        "id": r.pk,
        **_party(Party(r.party)),
        "amount": r.amount,
        "applied": r.applied,
        "overpaid": r.overpaid,
        "received_on": r.received_on,
        "late": r.received_on > due_on,
        "into": r.into,
        "note": r.note,
        "entry": r.entry_id,
    }


def refund_out(r: CofundingRefund) -> dict:
    return {
        "id": r.pk,
        **_party(Party(r.party)),
        "amount": r.amount,
        "refunded_on": r.refunded_on,
        "paid_from": r.paid_from,
        "note": r.note,
        "entry": r.entry_id,
    }


def request_out(request: CofundingRequest) -> dict:
    """The request as it was made, each party's standing against it now, every receipt and refund."""
    fy = FiscalYear(request.fiscal_year)
    parties = {p.party: p for p in request.parties.all()}
    return {
        "id": request.pk,
        "fund": request.fund.code,
        "fiscal_year": fiscal_year_out(fy),
        "requested_on": request.requested_on,
        "due_on": request.due_on,
        "policy": {"code": request.policy_code, "version_from_fy": request.policy_from_fy},
        "members": {
            "listed": request.members_listed,
            "counted": request.counted,
            "excluded": request.members_listed - request.counted,
            "excluded_by": request.excluded_by,
        },
        "rules": request.rules,
        "lines_digest": request.lines_digest,
        "members_paid": parties[Party.MEMBERS.value].amount if Party.MEMBERS.value in parties else 0,
        "parties": [
            {
                **standing_out(s),
                "ratio": parties[s.party.value].ratio,
                "cap_per_member": parties[s.party.value].cap_per_member,
                "would_be": parties[s.party.value].would_be,
                "members_capped": parties[s.party.value].members_capped,
                "entry": parties[s.party.value].entry_id,
            }
            for s in standings(request)
        ],
        "receipts": [receipt_out(r, request.due_on) for r in request.receipts.order_by("received_on", "id")],
        "refunds": [refund_out(r) for r in request.refunds.order_by("refunded_on", "id")],
    }


def money_out(money: MoneyBySource, welfare: WelfareBySource) -> dict:
    return {
        "as_of": money.as_of,
        "balance": money.balance,
        "held": money.held,
        "outstanding": money.outstanding,
        "adds_up": money.adds_up,
        "sources": [
            {
                "source": r.source.value,
                "label_th": r.source.label("th"),
                "label_en": r.source.label("en"),
                "income": r.income,
                "outstanding": r.outstanding,
                "received": r.received,
                "spent": r.spent,
                "welfare": r.welfare,
                "held": r.held,
            }
            for r in money.rows
        ],
        "welfare": {
            "first": welfare.first,
            "last": welfare.last,
            "total": welfare.total,
            "by_source": [
                {"source": source, "amount": amount, "percent": round(welfare.share(source), 2)}
                for source, amount in welfare.by_source.items()
            ],
            "benefits": [
                {
                    "account": b.code,
                    "name_th": b.name_th,
                    "name_en": b.name_en,
                    "total": b.total,
                    "by_source": b.by_source,
                }
                for b in welfare.rows
            ],
        },
        "method_th": METHOD_TH,
        "method_en": METHOD_EN,
    }
