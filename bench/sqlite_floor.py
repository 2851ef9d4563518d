"""The floor under the import's posting part on SQLite: the very rows one import wrote (its entries, lines
and receipts, read back as stored) copied by SQLite itself, with INSERT ... SELECT from an in-memory
database where they wait, into an empty database with the same tables and indexes, in one transaction,
with the settings Sajja runs SQLite with (WAL, synchronous=FULL, the bulk write's page cache).

No posting code can write the same rows faster on this machine: nothing crosses from Python while the
clock runs (no statement per row, no parameter bound, no text parsed), and there is no check, no key
lookup, no digest, no audit event, no foreign-key check and no row already in the tables. What is timed
is SQLite's own work for these rows: its table and index inserts, the log written and the commit. It
tells what a posting target asks of the machine before it asks anything of Sajja."""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time

from django.db import connection

from sajja.ledger.bulk import BULK_CACHE_KIB

TABLES = ("ledger_entry", "ledger_line", "contributions_receipt")


def _schema(cursor) -> list[str]:
    """The CREATE statements of the three tables, then of their indexes, as the migrations made them."""
    names = ", ".join("%s" for _ in TABLES)
    cursor.execute(
        f"SELECT sql FROM sqlite_master WHERE tbl_name IN ({names}) AND sql IS NOT NULL "
        "ORDER BY type = 'index', name",
        list(TABLES),
    )
    return [sql for (sql,) in cursor.fetchall()]


def _rows(cursor, fund_id: int) -> dict[str, tuple[list[str], list[tuple]]]:
    """Each table's columns and the fund's rows in it, as stored."""
    where = {
        "ledger_entry": "fund_id = %s",
        "ledger_line": "entry_id IN (SELECT id FROM ledger_entry WHERE fund_id = %s)",
        "contributions_receipt": "fund_id = %s",
    }
    out = {}
    for table in TABLES:
        cursor.execute(f"SELECT name FROM pragma_table_info('{table}')")
        columns = [name for (name,) in cursor.fetchall()]
        cursor.execute(
            f"SELECT {', '.join(columns)} FROM {table} WHERE {where[table]} ORDER BY id", [fund_id]
        )
        out[table] = (columns, cursor.fetchall())
    return out


def floor(fund_id: int) -> tuple[float, int]:
    """Seconds for SQLite to insert the fund's entries, lines and receipts again and commit, and the number
    of entries. SQLite only."""
    assert connection.vendor == "sqlite", "the floor is measured on SQLite"
    with connection.cursor() as cursor:
        schema, rows = _schema(cursor), _rows(cursor, fund_id)
    with tempfile.TemporaryDirectory(prefix="sajja-floor-") as home:
        db = sqlite3.connect(os.path.join(home, "floor.sqlite3"), isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
            for sql in schema:
                db.execute(sql)
            db.execute("ATTACH DATABASE ':memory:' AS waiting")
            for table, (columns, values) in rows.items():
                db.execute(f"CREATE TABLE waiting.{table} AS SELECT * FROM main.{table} WHERE 0")
                marks = ", ".join("?" for _ in columns)
                db.executemany(f"INSERT INTO waiting.{table} ({', '.join(columns)}) VALUES ({marks})", values)
            started = time.perf_counter()
            db.execute("BEGIN IMMEDIATE")
            for table, (columns, _) in rows.items():
                names = ", ".join(columns)
                # ORDER BY keeps SQLite from copying the table page by page (its transfer shortcut for an
                # empty table of the same shape): each row goes through the inserts a posting makes.
                db.execute(
                    f"INSERT INTO main.{table} ({names}) SELECT {names} FROM waiting.{table} ORDER BY id"
                )
            db.execute("COMMIT")
            return time.perf_counter() - started, len(rows["ledger_entry"][1])
        finally:
            db.close()
