"""How the bulk paths write: the settings of a large write, and rows inserted set-based.

Shared by the ledger's posting and the receipts of a payments file, the two writes of 100,000 rows."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db import connection

# SQLite's page cache for a bulk write, in KiB: the default 2 MiB holds a sliver of what 100,000 entries
# touch, so pages would be written out to the log and read back many times within the transaction.
BULK_CACHE_KIB = 65536
_BULK_FROM = 1000  # entries: a smaller write is served as it is
# Rows sent to SQLite in one statement: enough that a statement's own cost vanishes, few enough that
# the text of one chunk stays a few megabytes.
_JSON_ROWS = 20_000


@contextmanager
def bulk_write(size: int) -> Iterator[None]:
    """The settings of a bulk write, put back after it: Python's cycle collector paused (posting 100,000
    entries makes about a million small tuples, none in a cycle, that it would walk again and again
    and free nothing; reference counting still frees them) and, on SQLite, a page cache large enough
    for what the write touches. A small write, or one inside another bulk write, changes nothing."""
    if size < _BULK_FROM or not gc.isenabled():
        yield
        return
    gc.disable()
    cache = None
    try:
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size")
                cache = cursor.fetchone()[0]
                cursor.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
        yield
    finally:
        gc.enable()
        if cache is not None:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {int(cache)}")


def insert_rows(
    cursor,
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence],
    constants: dict | None = None,
    *,
    packed: bool = False,
) -> None:
    """INSERT the rows (values in the order of `columns`, already adapted for the database) in the given
    order. `constants` are columns with one value for every row: integers and NULL are written into
    the statement itself, text is bound.

    `packed`: the rows are narrow (numbers, dates, short codes). On SQLite they then travel as one JSON
    array per chunk, inserted by a single INSERT ... SELECT over json_each: executemany runs its
    statement once per row, and an AUTOINCREMENT table rewrites its sequence row at the end of every
    statement (about a third of the cost of a narrow row). Wide rows with long text are better bound
    row by row: SQLite 3.40's JSON operators parse the whole row again for each column they take.
    Elsewhere (PostgreSQL) executemany, which psycopg sends in one pipeline."""
    constants = constants or {}
    names = ", ".join([*constants, *columns])
    written = {k: _literal(v) for k, v in constants.items() if v is None or type(v) is int}
    bound = [v for k, v in constants.items() if k not in written]
    values = [written.get(k, "%s") for k in constants]
    if packed and connection.vendor == "sqlite":
        picks = ", ".join(values + [f"value ->> {i}" for i in range(len(columns))])
        sql = f"INSERT INTO {table} ({names}) SELECT {picks} FROM json_each(%s)"
        for start in range(0, len(rows), _JSON_ROWS):
            cursor.execute(sql, [*bound, json.dumps(rows[start : start + _JSON_ROWS], separators=(",", ":"))])
        return
    marks = ", ".join(values + ["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
    cursor.executemany(sql, [(*bound, *row) for row in rows] if bound else rows)


def _literal(value: int | None) -> str:
    return "NULL" if value is None else str(int(value))
