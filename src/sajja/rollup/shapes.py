"""A roll-up as plain data, for the API, `sajja rollup --format json` and its CSV: amounts in satang,
shares in percent, reasons with their code and both languages. Co-funding is the fiscal year claimed's
(`cofunding_fiscal_year`, Buddhist era): its CSV columns by party are every party but the members, in the
co-funding pages' order, whether any fund asked it for money or not."""

from __future__ import annotations

from typing import Any

from sajja.rollup.assembly import FUND, Rollup, Row
from sajja.rollup.figures import Cofunding, Figures
from sajja.schemes.cofunding import Party
from sajja.schemes.vocabulary import Category


def category_words(code: str) -> tuple[str, str]:
    try:
        kind = Category(code)
    except ValueError:
        return code, code
    return kind.label("th"), kind.label("en")


def party_words(code: str) -> tuple[str, str]:
    try:
        party = Party(code)
    except ValueError:
        return code, code
    return party.label("th"), party.label("en")


def cofunding_data(c: Cofunding) -> dict:
    return {
        "requested": c.requested,
        "received": c.received,
        "outstanding": c.outstanding,
        "to_refund": c.to_refund,
    }


def figures_data(f: Figures) -> dict:
    paid = f.benefits_paid
    return {
        "funds": f.funds,
        "members": {
            "active": f.members_active,
            "lapsed": f.members_lapsed,
            "resigned": f.members_resigned,
            "deceased": f.members_deceased,
        },
        "standing": {
            "paid_up": f.paid_up,
            "in_arrears": f.in_arrears,
            "lapsed": f.lapsed,
            "arrears_percent": f.arrears_percent,
        },
        "month": {"expected": f.month_expected, "collected": f.month_collected, "percent": f.month_percent},
        "last_month": {
            "expected": f.last_month_expected,
            "collected": f.last_month_collected,
            "percent": f.last_month_percent,
        },
        "fiscal_year": {
            "expected": f.year_expected,
            "collected": f.year_collected,
            "percent": f.year_percent,
        },
        "benefits": [
            {
                "category": code,
                "label_th": category_words(code)[0],
                "label_en": category_words(code)[1],
                "claims": b.claims,
                "amount": b.amount,
            }
            for code, b in f.benefits.items()
        ],
        "benefits_paid": {"claims": paid.claims, "amount": paid.amount},
        "reserve": f.reserve,
        "months_unclosed": f.months_unclosed,
        "ruin_probability": f.ruin_probability,
        "funds_projected": f.funds_projected,
        "funds_at_risk": f.funds_at_risk,
        "funds_not_current": f.funds_not_current,
        "funds_needing_attention": f.funds_needing_attention,
        "cofunding": {
            "funds_requested": f.funds_cofunding_requested,
            "funds_not_requested": f.funds_cofunding_not_requested,
            **cofunding_data(f.cofunding_total),
            "parties": [
                {
                    "party": code,
                    "label_th": party_words(code)[0],
                    "label_en": party_words(code)[1],
                    **cofunding_data(c),
                }
                for code, c in f.cofunding.items()
            ],
            "overdue": f.cofunding_overdue,
        },
    }


def row_data(row: Row) -> dict:
    out: dict[str, Any] = {
        "kind": row.kind,
        "code": row.code,
        "name_th": row.name_th,
        "name_en": row.name_en,
        "figures": figures_data(row.figures),
        "attention": [
            {"code": flag.code, "message_th": th, "message_en": en}
            for flag in row.flags
            for th, en in [flag.words()]
        ],
    }
    if row.kind == FUND and row.situation is not None:
        s = row.situation
        out["as_of"] = s.as_of
        out["standing_period"] = s.standing_period
        out["latest_closed"] = s.latest_closed
    return out


def rollup_data(r: Rollup) -> dict:
    return {
        "level": r.level,
        "code": r.code,
        "name_th": r.name_th,
        "name_en": r.name_en,
        "as_of": r.today,
        "period": r.month.number,
        "fiscal_year": r.fiscal_year.be,
        "fiscal_year_start": r.fiscal_year.start,
        "cofunding_fiscal_year": r.cofunding_year.be,
        "oldest_refresh": r.oldest_refresh,
        "total": figures_data(r.total),
        "rows": [row_data(row) for row in r.rows],
        "attention": [row_data(row) for row in r.attention],
    }


CSV_COLUMNS = (
    "kind",
    "code",
    "name_th",
    "name_en",
    "funds",
    "members_active",
    "members_lapsed",
    "members_resigned",
    "members_deceased",
    "paid_up",
    "in_arrears",
    "lapsed",
    "month_expected_satang",
    "month_collected_satang",
    "year_expected_satang",
    "year_collected_satang",
    "benefit_claims",
    "benefits_satang",
    "reserve_satang",
    "months_unclosed",
    "ruin_probability",
    "funds_at_risk",
    "funds_needing_attention",
    "cofunding_fiscal_year",
    "cofunding_requested_funds",
    "cofunding_not_requested_funds",
    "cofunding_requested_satang",
    "cofunding_received_satang",
    "cofunding_outstanding_satang",
    "cofunding_to_refund_satang",
    *(
        f"cofunding_{party.value}_{figure}_satang"
        for party in Party
        if party is not Party.MEMBERS
        for figure in ("requested", "received", "outstanding", "to_refund")
    ),
    "cofunding_overdue_satang",
    "attention",
)


def csv_rows(r: Rollup) -> list[list]:
    """One line per row of the table and one for the total (kind "total"), the CSV_COLUMNS."""
    lines = []
    for row in [*r.rows, Row("total", r.code, r.name_th, r.name_en, r.total)]:
        f, paid, cofunding = row.figures, row.figures.benefits_paid, row.figures.cofunding_total
        by_party = [
            value
            for party in Party
            if party is not Party.MEMBERS
            for c in [f.cofunding.get(party.value, Cofunding())]
            for value in (c.requested, c.received, c.outstanding, c.to_refund)
        ]
        lines.append(
            [
                row.kind,
                row.code,
                row.name_th,
                row.name_en,
                f.funds,
                f.members_active,
                f.members_lapsed,
                f.members_resigned,
                f.members_deceased,
                f.paid_up,
                f.in_arrears,
                f.lapsed,
                f.month_expected,
                f.month_collected,
                f.year_expected,
                f.year_collected,
                paid.claims,
                paid.amount,
                f.reserve,
                f.months_unclosed,
                "" if f.ruin_probability is None else f.ruin_probability,
                f.funds_at_risk,
                f.funds_needing_attention,
                r.cofunding_year.be,
                f.funds_cofunding_requested,
                f.funds_cofunding_not_requested,
                cofunding.requested,
                cofunding.received,
                cofunding.outstanding,
                cofunding.to_refund,
                *by_party,
                f.cofunding_overdue,
                "; ".join(flag.code for flag in row.flags),
            ]
        )
    return lines
