"""How the bulk paths write: the settings of a large write, and rows inserted set-based.

Shared by the ledger's posting and the receipts of a payments file, the two writes of 100,000 rows."""

from __future__ import annotations

import gc
import sqlite3
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection

# SQLite's page cache for a bulk write, in KiB: the default 2 MiB holds a sliver of what 100,000 entries
# touch, so pages would be written out to the log and read back many times within the transaction.
BULK_CACHE_KIB = 65536
_BULK_FROM = 1000  # entries: a smaller write is served as it is
# Parameters bound to one statement (SQLite allows 32,766 or more): thousands of rows, so a statement's
# own cost vanishes (from 3,000 parameters up, the time per row is flat), and few statements.
_BOUND_PER_STATEMENT = 32_000
_SWITCH_S = 0.0005  # how often Python's lock changes hands while statements run behind

_active: ContextVar[Statements | None] = ContextVar("sajja_bulk_statements", default=None)


class Statements:
    """Where the statements of a write run: at once, through Django's cursor."""

    behind = False

    def execute(self, sql: str, params: Sequence = ()) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    def executemany(self, sql: str, rows: Sequence[Sequence]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)

    def fetchall(self, sql: str, params: Sequence = ()) -> Callable[[], list[tuple]]:
        """The rows of a query, when the returned function is called."""
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return lambda: rows

    def wait(self) -> None:
        """Every statement given so far has run (here, they always have)."""

    def abandon(self) -> None:
        """The statements given and not yet started are dropped: their block failed (here, none wait)."""


class StatementsBehind(Statements):
    """The statements of a bulk write on SQLite, run in the order given on a second thread, on the same
    connection and in the same transaction, while this thread builds the next rows. SQLite leaves
    Python's lock while it works, so the write's Python and SQLite's own work share the machine's cores
    instead of taking turns.

    Anything else this thread asks of the database first waits for the statements given before it (a
    wrapper on Django's connection), so every query sees what was written before it; and the block of
    `bulk_write` ends only when they have all run. The first statement that fails stops the rest and is
    raised by the next wait, as Django's own error (IntegrityError...)."""

    behind = True

    def __init__(self):
        self._cursor = connection.connection.cursor()  # the DB-API connection itself: "?" parameters
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sajja-bulk")
        self._given: list[Future] = []
        self._failed: BaseException | None = None
        self._sql: dict[str, str] = {}

    def _run(self, sql: str, params, many: bool = False) -> list[tuple] | None:
        if self._failed is not None:
            return None  # a statement before this one failed: the transaction is rolled back
        try:
            if many:
                self._cursor.executemany(sql, params)
                return None
            self._cursor.execute(sql, params)
            return self._cursor.fetchall()
        except BaseException as error:
            self._failed = error
            raise

    def _given_sql(self, sql: str) -> str:
        # Our statements' "%s" made SQLite's "?" once per text (a chunk's text repeats, and is long).
        qmark = self._sql.get(sql)
        if qmark is None:
            qmark = self._sql[sql] = _qmark(sql)
        return qmark

    def execute(self, sql: str, params: Sequence = ()) -> None:
        self._given.append(self._pool.submit(self._run, self._given_sql(sql), params))

    def executemany(self, sql: str, rows: Sequence[Sequence]) -> None:
        self._given.append(self._pool.submit(self._run, self._given_sql(sql), rows, True))

    def fetchall(self, sql: str, params: Sequence = ()) -> Callable[[], list[tuple]]:
        future = self._pool.submit(self._run, self._given_sql(sql), params)
        self._given.append(future)

        def rows() -> list[tuple]:
            self.wait()
            return future.result()

        return rows

    def wait(self) -> None:
        given, self._given = self._given, []
        for future in given:
            future.exception()  # waits; a failure is raised once, below, as Django's error
        if self._failed is not None:
            with connection.wrap_database_errors:
                raise self._failed

    def abandon(self) -> None:
        """Drop the statements not yet started and wait for the one running, raising nothing: the
        block failed, its error is on its way and the transaction will undo what ran."""
        given, self._given = self._given, []
        for future in given:
            future.cancel()
        for future in given:
            if not future.cancelled():
                future.exception()

    def close(self) -> None:
        """Stop the thread, once the statement it runs is done (those not started are dropped)."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._cursor.close()

    def _wait_first(self, execute, sql, params, many, context):
        self.wait()
        return execute(sql, params, many, context)


def _qmark(sql: str) -> str:
    from django.db.backends.sqlite3.base import FORMAT_QMARK_REGEX

    return FORMAT_QMARK_REGEX.sub("?", sql).replace("%%", "%")


@contextmanager
def bulk_write(size: int) -> Iterator[Statements]:
    """The settings of a bulk write, put back after it, and where its statements run.

    Python's cycle collector is paused (posting 100,000 entries makes about a million small tuples, none
    in a cycle, that it would walk again and again and free nothing; reference counting still frees
    them). On SQLite, inside a transaction, the page cache is made large enough for what the write
    touches, and the statements run behind (StatementsBehind). A small write, or one inside another
    bulk write, changes nothing and shares the outer write's statements. When the block ends, every
    statement given in it has run."""
    outer = _active.get()
    if outer is not None:
        outer.wait()  # what the outer block gave before is not this block's to abandon
        try:
            yield outer
        except BaseException:
            outer.abandon()
            raise
        outer.wait()
        return
    if size < _BULK_FROM or not gc.isenabled():
        yield Statements()
        return
    gc.disable()
    cache, token = None, None
    try:
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size")
                cache = cursor.fetchone()[0]
                cursor.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
        behind = connection.vendor == "sqlite" and connection.in_atomic_block
        statements = StatementsBehind() if behind else Statements()
        token = _active.set(statements)
        with _behind(statements):
            yield statements
    finally:
        if token is not None:
            _active.reset(token)
        gc.enable()
        if cache is not None:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {int(cache)}")


@contextmanager
def _behind(statements: Statements) -> Iterator[None]:
    if not statements.behind:
        yield
        return
    switch = sys.getswitchinterval()
    # Python hands its lock to a waiting thread only every 5 ms: SQLite's thread, done with a statement,
    # would often wait that long to take the next one while this thread builds rows.
    sys.setswitchinterval(min(switch, _SWITCH_S))
    try:
        with connection.execute_wrapper(statements._wait_first):
            yield
            statements.wait()
    finally:
        statements.close()  # after a failure, drops what was not started: the transaction is undone
        sys.setswitchinterval(switch)


def insert_rows(
    statements: Statements,
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence],
    constants: dict | None = None,
) -> None:
    """INSERT the rows (values in the order of `columns`, already adapted for the database) in the given
    order. `constants` are columns with one value for every row: integers and NULL are written into
    the statement itself, text is bound once.

    On SQLite a few thousand rows travel in one statement, INSERT ... SELECT over a VALUES list of
    bound parameters, never one statement per row: executemany runs its statement once per row, and an
    AUTOINCREMENT table rewrites its sequence row at the end of every statement (about a third of the
    cost of a narrow row); a long statement also leaves Python's lock to SQLite for the whole of its
    work. (The rows packed as one JSON text took twice as long: SQLite 3.40's json_each renders each
    row as text again and its operators parse it back.) Elsewhere (PostgreSQL) executemany, which
    psycopg sends in one pipeline."""
    constants = constants or {}
    names = ", ".join([*constants, *columns])
    written = {k: _literal(v) for k, v in constants.items() if v is None or type(v) is int}
    bound = [v for k, v in constants.items() if k not in written]
    values = [written.get(k, "%s") for k in constants]
    if connection.vendor == "sqlite":
        per = max(1, min(_BOUND_PER_STATEMENT, _variable_limit() - len(bound)) // max(1, len(columns)))
        row_marks = f"({', '.join(['%s'] * len(columns))})"
        picks = ", ".join(values + [f"column{i + 1}" for i in range(len(columns))])
        for start in range(0, len(rows), per):
            chunk = rows[start : start + per]
            marks = ", ".join([row_marks] * len(chunk))
            params = [*bound, *(value for row in chunk for value in row)]
            statements.execute(f"INSERT INTO {table} ({names}) SELECT {picks} FROM (VALUES {marks})", params)
        return
    marks = ", ".join(values + ["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
    statements.executemany(sql, [(*bound, *row) for row in rows] if bound else rows)


def add_to_columns(
    statements: Statements, table: str, columns: Sequence[str], rows: Sequence[Sequence]
) -> None:
    """Add to number columns of rows found by id: each row is (id, one amount per column). On SQLite an
    UPDATE ... FROM a VALUES list, thousands of rows to a statement; elsewhere executemany."""
    if connection.vendor == "sqlite":
        sets = ", ".join(f"{c} = {c} + v.column{i + 2}" for i, c in enumerate(columns))
        row_marks = f"({', '.join(['%s'] * (len(columns) + 1))})"
        per = max(1, min(_BOUND_PER_STATEMENT, _variable_limit()) // (len(columns) + 1))
        for begin in range(0, len(rows), per):
            chunk = rows[begin : begin + per]
            marks = ", ".join([row_marks] * len(chunk))
            statements.execute(
                f"UPDATE {table} SET {sets} FROM (VALUES {marks}) AS v WHERE {table}.id = v.column1",
                [value for row in chunk for value in row],
            )
        return
    sets = ", ".join(f"{c} = {c} + %s" for c in columns)
    statements.executemany(f"UPDATE {table} SET {sets} WHERE id = %s", [(*row[1:], row[0]) for row in rows])


def _variable_limit() -> int:
    """How many parameters SQLite takes in one statement here (32,766 by default; Debian's allows more)."""
    connection.ensure_connection()
    return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)


def _literal(value: int | None) -> str:
    return "NULL" if value is None else str(int(value))
