"""How the bulk paths write: the settings of a large write, and rows inserted set-based.

Shared by the ledger's posting and the receipts of a payments file, the two writes of 100,000 rows."""

from __future__ import annotations

import gc
import sqlite3
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cached_property
from itertools import chain

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

    @cached_property
    def variable_limit(self) -> int:
        """How many parameters SQLite takes in one statement here (32,766 by default; Debian's allows more)."""
        connection.ensure_connection()
        return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)

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
    wrapper on Django's connection), so every query sees what was written before it, and this thread
    never uses the connection while the other does; the block of `bulk_write` ends only when they have
    all run. The first statement that fails stops those given after it, and the next wait raises it,
    once, as Django's own error (IntegrityError...): the block that gave them is the one that fails, and
    its transaction (or savepoint) undoes what ran. A statement runs only inside the transaction."""

    behind = True

    def __init__(self):
        self._raw = connection.connection  # the DB-API connection itself: "?" parameters
        _ = self.variable_limit  # read now, while no statement runs behind
        self._cursor = self._raw.cursor()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sajja-bulk")
        self._given: deque[Future] = deque()
        self._failed: BaseException | None = None
        self._sql: dict[str, str] = {}

    def _run(self, sql: str, params, many: bool = False) -> list[tuple] | None:
        if self._failed is not None:
            return None  # a statement given before this one failed: its block is failing
        try:
            if not self._raw.in_transaction:  # never on its own, outside the write's transaction
                raise sqlite3.OperationalError("a bulk write's statement came after its transaction ended")
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

    def _settle(self, cancel: bool) -> BaseException | None:
        """Wait until nothing given is left to run (dropping what has not started, if `cancel`), and
        take the failure, if any. A statement is forgotten only once it is done, so an interrupted wait
        leaves the rest still waited for."""
        if cancel:
            for future in self._given:
                future.cancel()
        while self._given:
            if not self._given[0].cancelled():
                self._given[0].exception()  # waits
            self._given.popleft()
        failed, self._failed = self._failed, None
        return failed

    def wait(self) -> None:
        failed = self._settle(cancel=False)
        if failed is not None:
            with connection.wrap_database_errors:
                raise failed

    def abandon(self) -> None:
        """Drop the statements not yet started and wait for the one running: their block is failing with
        an error on its way. A statement that failed behind is raised instead (that error in flight as
        its context), so that catching the first cannot hide rows that were never written."""
        failed = self._settle(cancel=True)
        if failed is not None:
            with connection.wrap_database_errors:
                raise failed

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
        if cache is not None and connection.connection is not None:
            # On the connection itself: a transaction that failed takes no query through Django's cursor.
            connection.connection.execute(f"PRAGMA cache_size = {int(cache)}")


@contextmanager
def _behind(statements: Statements) -> Iterator[None]:
    if not isinstance(statements, StatementsBehind):  # those run at once need nothing around them
        yield
        return
    _switch_often(True)
    try:
        with connection.execute_wrapper(statements._wait_first):
            try:
                yield
            except BaseException:
                statements.abandon()
                raise
            statements.wait()
    finally:
        _switch_often(False)
        statements.close()


_switching = threading.Lock()
_switch_users: list[float] = []  # the interval each write running behind found, the first one's first


def _switch_often(on: bool) -> None:
    """Python hands its lock to a waiting thread only every 5 ms: SQLite's thread, done with a statement,
    would often wait that long to take the next one while this thread builds rows. While any write runs
    behind, the lock changes hands every 0.5 ms; the last one to end puts back what the first found."""
    with _switching:
        if on:
            _switch_users.append(sys.getswitchinterval())
            sys.setswitchinterval(min(_switch_users[0], _SWITCH_S))
        else:
            first = _switch_users[0]
            _switch_users.pop()
            if not _switch_users:
                sys.setswitchinterval(first)


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
        per = max(
            1, min(_BOUND_PER_STATEMENT, statements.variable_limit - len(bound)) // max(1, len(columns))
        )
        row_marks = f"({', '.join(['%s'] * len(columns))})"
        picks = ", ".join(values + [f"column{i + 1}" for i in range(len(columns))])
        for start in range(0, len(rows), per):
            chunk = rows[start : start + per]
            marks = ", ".join([row_marks] * len(chunk))
            params = [*bound, *chain.from_iterable(chunk)]  # the rows' values in a row, in C
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
        per = max(1, min(_BOUND_PER_STATEMENT, statements.variable_limit) // (len(columns) + 1))
        for begin in range(0, len(rows), per):
            chunk = rows[begin : begin + per]
            marks = ", ".join([row_marks] * len(chunk))
            statements.execute(
                f"UPDATE {table} SET {sets} FROM (VALUES {marks}) AS v WHERE {table}.id = v.column1",
                list(chain.from_iterable(chunk)),
            )
        return
    sets = ", ".join(f"{c} = {c} + %s" for c in columns)
    statements.executemany(f"UPDATE {table} SET {sets} WHERE id = %s", [(*row[1:], row[0]) for row in rows])


def _literal(value: int | None) -> str:
    return "NULL" if value is None else str(int(value))
