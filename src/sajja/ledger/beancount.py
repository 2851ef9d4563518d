"""Export a fund's books as a beancount ledger, so auditors can check them with an outside tool.

Account names are ASCII (`Assets:1101-Cash`, member sub-accounts `Income:4101-MemberContributions:M000123`);
the Thai names travel as metadata. Amounts are written in THB with two decimals.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from sajja.core.money import format_number
from sajja.ledger.models import Account, Entry, Line

ROOTS = {
    "asset": "Assets",
    "liability": "Liabilities",
    "equity": "Equity",
    "income": "Income",
    "expense": "Expenses",
}


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _component(code: str, name_en: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", name_en)
    return f"{code}-{''.join(w[:1].upper() + w[1:] for w in words)}" if words else code


def account_names(accounts: list[Account]) -> dict[int, str]:
    by_id = {a.pk: a for a in accounts}
    names = {}
    for a in accounts:
        if a.parent_id:
            parent = by_id[a.parent_id]
            names[a.pk] = (
                f"{ROOTS[parent.kind]}:{_component(parent.code, parent.name_en)}:M{a.code.split('-')[-1]}"
            )
        else:
            names[a.pk] = f"{ROOTS[a.kind]}:{_component(a.code, a.name_en)}"
    return names


def _amount(satang: int) -> str:
    return format_number(satang).replace(",", "") + " THB"


def export_fund(fund) -> Iterator[str]:
    """Yield the ledger's text, line by line."""
    accounts = list(Account.objects.filter(fund=fund).order_by("code"))
    names = account_names(accounts)
    first = Entry.objects.filter(fund=fund).order_by("date").values_list("date", flat=True).first()
    opened = fund.founded_on if fund.founded_on and (not first or fund.founded_on <= first) else first
    yield f'option "title" {_quote(f"{fund.name_en or fund.code} ({fund.code})")}'
    yield 'option "operating_currency" "THB"'
    yield ""
    if opened:
        for a in accounts:
            if a.is_control:
                continue  # its members' sub-accounts carry its lines
            yield f"{opened.isoformat()} open {names[a.pk]} THB"
            yield f"  name_th: {_quote(a.name_th)}"
            yield f"  code: {_quote(a.code)}"
        yield ""
    lines: dict[int, list[tuple[int, int]]] = defaultdict(list)
    entries = Entry.objects.filter(fund=fund).order_by("date", "id")
    for entry_id, account_id, amount in (
        Line.objects.filter(entry__fund=fund)
        .order_by("id")
        .values_list("entry_id", "account_id", "amount")
        .iterator(chunk_size=5000)
    ):
        lines[entry_id].append((account_id, amount))
    for entry in entries.iterator(chunk_size=2000):
        yield f"{entry.date.isoformat()} * {_quote(entry.memo)}"
        yield f"  entry_id: {_quote(str(entry.pk))}"
        yield f"  key: {_quote(entry.idempotency_key)}"
        yield f"  kind: {_quote(entry.kind)}"
        if entry.reverses_id:
            yield f"  reverses: {_quote(str(entry.reverses_id))}"
        for account_id, amount in lines[entry.pk]:
            yield f"  {names[account_id]}  {_amount(amount)}"
        yield ""
