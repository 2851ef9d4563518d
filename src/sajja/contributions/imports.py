"""Importing a payments file: read it whole, check it whole, then post it in one transaction.

A file with any bad row is refused whole, with a report naming every bad row (file, row, column,
value, reason in Thai and English); nothing of it is kept. The rows' idempotency keys come from
their content, so a file imported twice posts nothing the second time.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass

from django.db import transaction

from sajja.access.policy import require
from sajja.audit.services import lock_chain
from sajja.contributions.reading import CellProblem, FileRefused, ReadFile, read_payments
from sajja.contributions.services import Checked, Recorded, check_batch, post_checked
from sajja.core.errors import ValidationFailed
from sajja.core.ledger.checks import LedgerError
from sajja.core.money import format_number

MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class ReportLine:
    file: str
    row: int
    column: str
    value: str
    code: str
    message_th: str
    message_en: str


class ImportRefused(ValidationFailed):
    """The file was refused whole; `report` lists every bad row."""

    def __init__(self, report: list[ReportLine]):
        self.report = report
        super().__init__(
            [
                LedgerError(
                    r.code,
                    r.message_th,
                    r.message_en,
                    f"{r.file}: row {r.row}"
                    + (f", column {r.column}" if r.column else "")
                    + (f" ({r.value})" if r.value else ""),
                )
                for r in report
            ]
        )


def _line(name: str, p: CellProblem) -> ReportLine:
    return ReportLine(name, p.row, p.column, p.value, p.code, p.message_th, p.message_en)


def import_payments(
    actor, fund, name: str, data: bytes, *, today: datetime.date | None = None, phases: dict | None = None
) -> Recorded:
    """Import a CSV or XLSX file of payments, all or nothing: read it, then check it and post it in one
    transaction (under the audit chain's lock, so what was checked is what is posted). `phases`, if
    given, gets the seconds spent reading, checking and posting (for `make bench`)."""
    require(actor, fund, "post_entries")
    started = time.perf_counter()
    read = read_file(name, data)
    read_at = time.perf_counter()
    with transaction.atomic():
        lock_chain()
        checked = check_file(fund, name, read, today)
        checked_at = time.perf_counter()
        result = post_checked(actor, fund, checked, "contributions.payments.import")
    if phases is not None:
        phases.update(
            parse=read_at - started, validate=checked_at - read_at, post=time.perf_counter() - checked_at
        )
    return result


def read_file(name: str, data: bytes) -> ReadFile:
    """The file's rows, or the whole file refused (too large, unreadable, no header...)."""
    if len(data) > MAX_BYTES:
        raise ImportRefused(
            [
                ReportLine(
                    name, 0, "", "", "file_too_large", "ไฟล์ใหญ่เกิน 20 MB", "the file is larger than 20 MB"
                )
            ]
        )
    try:
        return read_payments(name, data)
    except FileRefused as refused:
        raise ImportRefused([_line(name, refused.problem)]) from None


def check_file(fund, name: str, read: ReadFile, today=None) -> Checked:
    """Every row checked against the fund (members, dates, closed months, receipt numbers); any bad row
    refuses the file with the whole report."""
    report = [_line(name, p) for p in read.problems]
    checked, problems = check_batch(fund, [p for _, p in read.rows], today)
    headers = {**{"date": "date", "receipt": "receipt"}, **read.columns}
    for problem in problems:
        row, payment = read.rows[problem.index]
        shown = (
            payment.paid_on.isoformat()
            if problem.column == "date"
            else format_number(problem.value)  # in baht, as the file has it: -30.00, not -3000 satang
            if problem.column == "amount" and type(problem.value) is int
            else str(problem.value)
        )
        report.append(
            ReportLine(
                name,
                row,
                headers.get(problem.column, problem.column),
                shown,
                problem.error.code,
                problem.error.message_th,
                problem.error.message_en,
            )
        )
    if report:
        raise ImportRefused(sorted(report, key=lambda r: (r.row, r.column)))
    return checked
