"""Immutable ledger records.

A posting's amount is signed satang: positive is a debit, negative a credit. An entry balances when
its postings sum to zero.

>>> import datetime
>>> e = Entry(datetime.date(2026, 1, 5), "contribution", (Posting("1101", 3000), Posting("4101", -3000)))
>>> e.is_balanced
True
>>> e.reversed_on(datetime.date(2026, 1, 6)).postings
(Posting(account='1101', amount=-3000), Posting(account='4101', amount=3000))
"""

from __future__ import annotations

import datetime
import hashlib
from enum import StrEnum
from typing import NamedTuple

MEMO_MAX = 300  # characters, as stored
KIND_MAX = 32
KEY_MAX = 128
MAX_AMOUNT = 10**14  # satang (one trillion baht) on one line: anything larger is a typing error


class AccountKind(StrEnum):
    ASSET = "asset"
    LIABILITY = "liability"
    EQUITY = "equity"
    INCOME = "income"
    EXPENSE = "expense"

    @property
    def normal_sign(self) -> int:
        """+1 for accounts whose balance is normally a debit (assets, expenses), -1 otherwise."""
        return 1 if self in (AccountKind.ASSET, AccountKind.EXPENSE) else -1


class Posting(NamedTuple):
    account: str
    amount: int


class Entry(NamedTuple):
    date: datetime.date
    memo: str
    postings: tuple[Posting, ...]
    kind: str = "general"
    key: str = ""

    @property
    def total(self) -> int:
        return sum(p.amount for p in self.postings)

    @property
    def is_balanced(self) -> bool:
        return self.total == 0

    @property
    def period(self) -> tuple[int, int]:
        return (self.date.year, self.date.month)

    def reversed_on(self, date: datetime.date, key: str = "") -> Entry:
        """The mirror entry that cancels this one; mistakes are reversed, never edited."""
        return Entry(
            date=date,
            memo=f"reversal: {self.memo}"[:MEMO_MAX],
            postings=tuple(Posting(p.account, -p.amount) for p in self.postings),
            kind="reversal",
            key=key,
        )


def entry_content(entry: Entry) -> dict[str, object]:
    """What an idempotency key binds to, and what the audit chain digests."""
    return {
        "date": entry.date.isoformat(),
        "memo": entry.memo,
        "kind": entry.kind,
        "postings": [[p.account, p.amount] for p in entry.postings],
    }


def entry_digest(entry: Entry, reverses: int | None = None) -> str:
    """SHA-256 of the entry's content in a canonical form: its date, kind, memo, each posting (account
    code and amount), its idempotency key, and for a reversal the id of the entry it reverses, joined by
    the ASCII record, unit and group separators, which the checks refuse inside a memo, kind or key, so
    no two entries share a form. (The entry's fund, author and time are its audit event's, which
    `audit verify` compares; its period is its date's.)

    >>> import datetime
    >>> entry_digest(Entry(datetime.date(2026, 1, 5), "x", (Posting("1101", 1), Posting("4101", -1))))[:12]
    '9719c0c15765'
    """
    parts = [entry.date.isoformat(), entry.kind, entry.memo]
    parts += [f"{p.account}\x1f{p.amount}" for p in entry.postings]
    parts.append(entry.key)
    if reverses is not None:
        parts.append(f"\x1d{reverses}")
    return hashlib.sha256("\x1e".join(parts).encode()).hexdigest()


class BatchDigests:
    """entry_digest for the entries of one batch, encoding once what many of them share.

    The canonical form is the date, then the kind, memo and postings, then the key: the encoded middle
    is made once per trio of kind, memo and postings objects (kept here, so that their ids stay theirs),
    each date's text once, and each entry costs its key's encoding and one SHA-256. For entries that
    passed the checks (a date, text). `reverses` (key -> id of the entry reversed) for reversals.

    >>> import datetime
    >>> e = Entry(datetime.date(2026, 1, 5), "x", (Posting("1101", 1), Posting("4101", -1)), key="k")
    >>> BatchDigests()(e) == entry_digest(e)
    True
    >>> BatchDigests({"k": 7})(e) == entry_digest(e, 7)
    True
    """

    def __init__(self, reverses: dict[str, int] | None = None):
        self._tails: dict[tuple[int, int, int], tuple[bytes, Entry]] = {}
        self._days: dict[datetime.date, bytes] = {}
        self._reverses = reverses or {}

    def __call__(self, entry: Entry) -> str:
        if self._reverses and entry.key in self._reverses:
            return entry_digest(entry, self._reverses[entry.key])
        trio = (id(entry.kind), id(entry.memo), id(entry.postings))
        tail = self._tails.get(trio)
        if tail is None:
            parts = ["", entry.kind, entry.memo] + [f"{p.account}\x1f{p.amount}" for p in entry.postings]
            tail = self._tails[trio] = (("\x1e".join(parts) + "\x1e").encode(), entry)
        day = self._days.get(entry.date)
        if day is None:
            day = self._days[entry.date] = entry.date.isoformat().encode()
        return hashlib.sha256(day + tail[0] + entry.key.encode()).hexdigest()

    def reverses(self, key: str) -> bool:
        """Whether the entry under this key was given as a reversal."""
        return key in self._reverses

    def many(self, entries: list[Entry]) -> list[str]:
        """The digest of each entry, in order: each shared tail and date looked up, not encoded again."""
        if self._reverses:
            return [self(e) for e in entries]
        tails, days, sha256, one = self._tails, self._days, hashlib.sha256, self.__call__
        return [
            sha256(day + tail[0] + e.key.encode()).hexdigest()
            if (tail := tails.get((id(e.kind), id(e.memo), id(e.postings)))) is not None
            and (day := days.get(e.date)) is not None
            else one(e)
            for e in entries
        ]


def describe_difference(first: Entry, second: Entry) -> list[str]:
    """Name the fields in which two entries with the same key differ."""
    a, b = entry_content(first), entry_content(second)
    return [field for field in ("date", "memo", "kind", "postings") if a[field] != b[field]]
