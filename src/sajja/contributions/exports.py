"""Writing the contributions area's CSV and XLSX files, safe to open in a spreadsheet.

A cell whose text begins with = + - @ (or a tab or carriage return) would be read by Excel,
LibreOffice or Google Sheets as a formula: a member's name or a paper receipt number typed as
"=HYPERLINK(...)" must come out as text. In a CSV, `safe_cell` puts an apostrophe in front of such
text (numbers stay numbers); in an XLSX, such text is a text cell marked as typed with a leading
apostrophe, so it shows exactly as it is and is never run.

>>> safe_cell("=1+1"), safe_cell("-5"), safe_cell("สมศรี"), safe_cell(-500)
("'=1+1", "'-5", 'สมศรี', -500)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from urllib.parse import quote

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """`value` as a spreadsheet will read it: text that could start a formula is kept as text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: Iterable) -> list:
    return [safe_cell(v) for v in row]


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel shows Thai letters rather than mojibake."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(safe_row(header))
    writer.writerows(safe_row(r) for r in rows)
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(title: str, header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """One sheet, written in openpyxl's streaming mode (a large export never sits whole in memory)."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    def text_cell(value):
        """Text that could start a formula as a text cell marked as typed with a leading apostrophe:
        shown as it is (no apostrophe on screen), never run, and still text if edited."""
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type, cell.quotePrefix = "s", True
        return cell

    def money_cell(value):
        """Baht (the exports' only Decimals) as a number shown with two decimals: 548.00, not 548."""
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "#,##0.00"
        return cell

    def cells(row):
        return [
            text_cell(v)
            if isinstance(v, str) and v.startswith(FORMULA_STARTS)
            else money_cell(v)
            if isinstance(v, Decimal)
            else v
            for v in row
        ]

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    sheet.append(cells(header))
    for row in rows:
        sheet.append(cells(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def csv_download(filename: str, header, rows) -> HttpResponse:
    return download(csv_bytes(header, rows), filename, "text/csv; charset=utf-8")


def xlsx_download(filename: str, title: str, header, rows) -> HttpResponse:
    return download(xlsx_bytes(title, header, rows), filename, XLSX)
