"""Importing a payments file: read it whole, check it whole, then post it in one transaction.

A file with any bad row is refused whole, with a report naming every bad row (file, row, column,
value, reason in Thai and English); nothing of it is kept. The rows' idempotency keys come from
their content, so a file imported twice posts nothing the second time.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sajja.access.policy import require
from sajja.contributions.reading import CellProblem, FileRefused, read_payments
from sajja.contributions.services import Recorded, load_context, record_payments, recorded_keys
from sajja.contributions.validation import check_payments
from sajja.core.errors import ValidationFailed
from sajja.core.ledger.checks import LedgerError

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


def import_payments(actor, fund, name: str, data: bytes, *, today: datetime.date | None = None) -> Recorded:
    """Import a CSV or XLSX file of payments, all or nothing."""
    require(actor, fund, "post_entries")
    if len(data) > MAX_BYTES:
        raise ImportRefused(
            [
                ReportLine(
                    name, 0, "", "", "file_too_large", "ไฟล์ใหญ่เกิน 20 MB", "the file is larger than 20 MB"
                )
            ]
        )
    try:
        read = read_payments(name, data)
    except FileRefused as refused:
        raise ImportRefused([_line(name, refused.problem)]) from None
    report = [_line(name, p) for p in read.problems]
    payments = [p for _, p in read.rows]
    done = set(recorded_keys(fund, [p.key for p in payments]))
    ctx = load_context(fund, payments, today)
    problems, _ = check_payments(payments, ctx, {n for n, p in enumerate(payments) if p.key in done})
    headers = {**{"date": "date", "receipt": "receipt"}, **read.columns}
    for problem in problems:
        row, payment = read.rows[problem.index]
        shown = payment.paid_on.isoformat() if problem.column == "date" else str(problem.value)
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
    rows = [row for row, _ in read.rows]
    return record_payments(
        actor,
        fund,
        payments,
        today=today,
        label=lambda p: f"{name}: row {rows[p.index]}, column {p.column}",
        action="contributions.payments.import",
    )
