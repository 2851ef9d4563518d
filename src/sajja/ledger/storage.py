"""What posting asks of the database, in a handful of calls: the keys posted before, ids for new entries,
the entries, their lines with the accounts' totals, and the rows of other tables that refer to them.

`writing(size)` opens a write and gives its `Storage`. How the statements run is the storage's own
business (`sajja.ledger.bulk`: a large write on SQLite runs them on a second thread, with the collector
paused and a larger page cache); the one thing a caller may ask is whether the write `overlaps` its work."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection
from django.utils import timezone

from sajja.core.ledger.records import Entry as EntryRecord
from sajja.ledger.bulk import Statements, add_to_columns, bulk_write, insert_rows
from sajja.ledger.models import Account, Entry, Line

ENTRY_COLUMNS = ["id", "date", "period", "memo", "kind", "idempotency_key", "digest", "reverses_id"]


class Found(NamedTuple):
    """An entry posted before under a key of the batch."""

    id: int
    digest: str
    reverses_id: int | None  # the entry it reverses, if it is a reversal


class Lines(NamedTuple):
    """The lines of new entries and what they add to the accounts' totals."""

    rows: list[tuple[int, int, int]]  # (entry id, account id, amount), in the entries' order
    totals: list[tuple[int, int, int]]  # (account id, debits, credits) added, by account id


@dataclass(frozen=True)
class Referring:
    """Rows of another table that refer to entries of a posting (a payment's receipt), written in the same
    write, so that they stand or fall with the entries.

    `rows` hold each row's values for `columns`, already adapted for the database; `entries` the place in
    the batch (from 0) of the entry each row refers to, whose id is written in `entry_column`. `constants`
    are columns with one value for every row (as `insert_rows` takes them). A table whose rows carry their
    own digest, entry id included, names that column `seal_column` and gives in `seals` each row's canonical
    bytes before and after its entry's id: the column holds the SHA-256 of the whole, in hex."""

    table: str
    columns: tuple[str, ...]
    rows: Sequence[tuple]
    entries: Sequence[int]
    constants: dict = field(default_factory=dict)
    entry_column: str = "entry_id"
    seal_column: str | None = None
    seals: Sequence[tuple[bytes, bytes]] = ()


class Storage:
    """One write's storage: every call gives its statements to the write, which has run them all when
    `writing`'s block ends (a query made meanwhile, through the ORM or here, sees what was given before)."""

    def __init__(self, statements: Statements):
        self._statements = statements

    @property
    def overlaps(self) -> bool:
        """Whether the write runs while the caller goes on (a large write on SQLite): then rows given as soon
        as they are made cost the caller nothing more, and ids taken first let them be made early."""
        return self._statements.behind

    def existing(self, fund_id: int, keys: list[str]) -> Callable[[], dict[str, Found]]:
        """The entries of the fund already posted under these keys, by key, when the returned function is
        called (the query may run meanwhile).

        One statement however many keys: on SQLite they travel as one JSON text (its parameters are
        capped, and the ORM's query building for 50 chunks cost more than the queries), on PostgreSQL as
        one array."""
        if not keys:
            return dict
        sqlite = connection.vendor == "sqlite"
        keys_in = "SELECT value FROM json_each(%s)" if sqlite else "SELECT unnest(%s::text[])"
        sql = (
            f"SELECT idempotency_key, id, digest, reverses_id FROM {Entry._meta.db_table}"
            f" WHERE fund_id = %s AND idempotency_key IN ({keys_in})"
        )
        rows = self._statements.fetchall(sql, [fund_id, json.dumps(keys) if sqlite else keys])
        return lambda: {k: Found(pk, d, r) for k, pk, d, r in rows()}

    def allocate_entry_ids(self, n: int) -> list[int]:
        """Reserve n entry ids, so that lines and referring rows can be written right after their entries
        (on SQLite the next ones after the largest: the write holds the database's write lock)."""
        table = Entry._meta.db_table
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, %s)",
                    [n],
                )
                return [row[0] for row in cursor.fetchall()]
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
            start = cursor.fetchone()[0] + 1
            return list(range(start, start + n))

    def insert_entries(
        self,
        fund_id: int,
        author_id: int | None,
        audit_seq: int,
        at,
        new: Sequence[tuple[EntryRecord, str]],
        ids: Sequence[int],
        reverses: dict[str, int],
    ) -> None:
        """The new entries (each with its digest) under the ids taken for them, in the batch's order, all
        marked with the audit event that records them: its number, its time `at` (None: now) and its actor
        as their author (which `audit verify` compares)."""
        ops = connection.ops
        made_at = ops.adapt_datetimefield_value(at or timezone.now())
        # A batch spans few dates: each is adapted once, with its period, not once per row.
        days = {d: (ops.adapt_datefield_value(d), d.year * 100 + d.month) for d in {e.date for e, _ in new}}
        rows = [
            (pk, *days[e.date], e.memo, e.kind, e.key, digest, reverses.get(e.key))
            for pk, (e, digest) in zip(ids, new, strict=True)
        ]
        constants = {
            "fund_id": fund_id,
            "audit_seq": audit_seq,
            "created_by_id": author_id,
            "created_at": made_at,
        }
        insert_rows(self._statements, Entry._meta.db_table, ENTRY_COLUMNS, rows, constants)

    def insert_lines(self, lines: Lines) -> None:
        """The lines, and what they add to each account's debit and credit totals."""
        insert_rows(self._statements, Line._meta.db_table, ["entry_id", "account_id", "amount"], lines.rows)
        add_to_columns(
            self._statements, Account._meta.db_table, ["debit_total", "credit_total"], lines.totals
        )

    def insert_referring(self, referring: Referring, entry_ids: Sequence[int]) -> list[str]:
        """The referring rows, each with the id of its entry (`entry_ids`: the batch's, in its order) and,
        for a sealed table, its seal; returns the seals, in the rows' order."""
        if not referring.rows:
            return []
        ids = [entry_ids[n] for n in referring.entries]
        columns = [*referring.columns, referring.entry_column]
        if referring.seal_column is None:
            rows, seals = [(*row, pk) for row, pk in zip(referring.rows, ids, strict=True)], []
        else:
            sha256 = hashlib.sha256
            seals = [
                sha256(before + str(pk).encode() + after).hexdigest()
                for pk, (before, after) in zip(ids, referring.seals, strict=True)
            ]
            rows = [(*row, pk, seal) for row, pk, seal in zip(referring.rows, ids, seals, strict=True)]
            columns.append(referring.seal_column)
        insert_rows(self._statements, referring.table, columns, rows, referring.constants)
        return seals


@contextmanager
def writing(size: int) -> Iterator[Storage]:
    """A write of `size` entries (its settings chosen by its size), to be opened inside the transaction:
    when the block ends, everything given to its storage has been written."""
    with bulk_write(size) as statements:
        yield Storage(statements)
