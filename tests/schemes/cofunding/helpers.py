"""Test input as domain text: a member register as a table, a fund that meets every rule, a policy in YAML."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sajja.core.money import parse_baht
from sajja.schemes.cofunding import (
    CofundingPolicy,
    FiscalYear,
    FundFacts,
    MemberRow,
    load_policy_text,
    national_policy,
)
from sajja.schemes.vocabulary import Category

FY2569 = FiscalYear(2026)
NATIONAL = national_policy()


def members(table: str) -> list[MemberRow]:
    """A register as the treasurer reads it, paid in baht; `since` '-' is the joining day; `matched` is the
    fiscal years already matched (0 when left out).

        number  joined      status    since       paid  matched
        001     2025-09-30  active    -           365
    """
    lines = [line.split() for line in table.strip().splitlines() if line.strip()]
    header, rows = lines[0], lines[1:]
    out = []
    for i, cells in enumerate(rows, start=1):
        row = dict(zip(header, cells, strict=False))
        joined = date.fromisoformat(row["joined"])
        since = joined if row.get("since", "-") == "-" else date.fromisoformat(row["since"])
        out.append(
            MemberRow(
                member_id=i,
                number=row["number"],
                joined_on=joined,
                status=row.get("status", "active"),
                status_since=since,
                paid=parse_baht(row["paid"]),
                years_matched=int(row.get("matched", 0)),
            )
        )
    return out


def fund(fy: FiscalYear = FY2569, **changes: object) -> FundFacts:
    """A tambon fund that meets every fund-level rule in `fy`, changed by `changes`."""
    good = FundFacts(
        founded_on=date(2015, 6, 1),
        registered=True,
        kind="tambon",
        villages_total=14,
        villages_with_members=9,
        months_closed=frozenset(fy.months()),
        chain_intact=True,
        welfare_categories=frozenset({Category.BIRTH, Category.SICKNESS, Category.ELDERLY, Category.FUNERAL}),
    )
    return replace(good, **changes)


POLICY_HEAD = """\
code: test
name_th: นโยบายทดสอบ
name_en: Test policy
"""


def policy(versions: str) -> CofundingPolicy:
    """A policy from its `versions:` block (YAML)."""
    return load_policy_text(POLICY_HEAD + versions, source="test.yaml")
