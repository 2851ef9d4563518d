"""Reading a payments file (CSV or XLSX) into rows, refusing what cannot be read. No database here.

Columns: member (member number or national ID), date, amount, channel, receipt, purpose (contribution
unless it names a fee); headers in English or Thai. Dates in the Buddhist or the common era
(27/01/2549, 2006-01-27), told apart by the year; Thai digits and thousands separators are read.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import hmac
import re
from dataclasses import dataclass, field
from decimal import Decimal

from sajja.contributions import tabular
from sajja.contributions.models import Channel, Purpose
from sajja.contributions.validation import Payment, member_number, national_id_digits
from sajja.core.money import MoneyError, parse_baht
from sajja.core.thai_dates import common_era
from sajja.core.thai_id import InvalidNationalId, normalize_national_id

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Every header a payments file may have, in one place: each the app itself prints (its exports, its pages'
# tables, in Thai and English) is read, so a file the app wrote can come back. Lower case; see `field_of`.
HEADERS = {
    # the member: a member number or a national ID
    "member": "member",
    "member number": "member",
    "member number or national id": "member",
    "national id": "member",
    "สมาชิก": "member",
    "รหัสสมาชิก": "member",
    "เลขที่สมาชิก": "member",  # "Member number" on the list of members behind and the member's page
    "เลขสมาชิก": "member",  # the co-funding member sheets
    "เลขที่สมาชิก หรือเลขประจำตัวประชาชน": "member",
    "เลขประจำตัวประชาชน": "member",
    # the day paid
    "date": "date",
    "paid on": "date",
    "วันที่": "date",
    "วันที่จ่าย": "date",
    "วันที่ชำระ": "date",
    # the amount, in baht
    "amount": "amount",
    "amount (baht)": "amount",
    "paid (baht)": "amount",  # the meeting sheet
    "จำนวนเงิน": "amount",
    "จำนวนเงิน (บาท)": "amount",
    "รับเงิน (บาท)": "amount",
    "channel": "channel",
    "ช่องทาง": "channel",
    "receipt": "receipt",
    "receipt number": "receipt",
    "เลขที่ใบเสร็จ": "receipt",
    "purpose": "purpose",
    "for": "purpose",
    "ประเภท": "purpose",
    "รายการ": "purpose",
}
# Columns the app prints beside the member that a payments file does not need: read past, never refused
# (a list the app wrote, with its names and groups, comes back with a date and an amount added).
SHOWN = {
    "name",
    "ชื่อ",
    "ชื่อ-สกุล",
    "ชื่อ-นามสกุล",
    "group",
    "group code",
    "กลุ่ม",
    "รหัสกลุ่ม",
    "paid through",
    "ส่งถึงวันที่",
    "days unpaid",
    "ค้าง (วัน)",
    "standing",
    "สถานะการส่ง",
    "to pay through the month's end (baht)",
    "ต้องส่งให้ครบถึงสิ้นเดือน (บาท)",
    "due this month",
    "ยอดที่ต้องส่งถึงสิ้นเดือน",
}
REQUIRED = ("member", "date", "amount")
PURPOSES = {
    **{p: p for p in Purpose.values},
    "เงินสัจจะ": Purpose.CONTRIBUTION,
    "ค่าสมัคร": Purpose.ENTRY_FEE,
    "ค่าสมัครสมาชิก": Purpose.ENTRY_FEE,
    "entry fee": Purpose.ENTRY_FEE,
    "ค่าธรรมเนียมกลับเข้าเป็นสมาชิก": Purpose.REINSTATEMENT_FEE,
    "ค่ากลับเข้า": Purpose.REINSTATEMENT_FEE,
    "reinstatement fee": Purpose.REINSTATEMENT_FEE,
}
CHANNELS = {
    **{c: c for c in Channel.values},
    "เงินสด": Channel.CASH,
    "โอน": Channel.BANK_TRANSFER,
    "โอนเงิน": Channel.BANK_TRANSFER,
    "bank": Channel.BANK_TRANSFER,
    "พร้อมเพย์": Channel.PROMPTPAY,
    "หักบัญชี": Channel.SAVINGS_DEDUCTION,
    "หักบัญชีกลุ่มสัจจะ": Channel.SAVINGS_DEDUCTION,
}


@dataclass(frozen=True)
class CellProblem:
    row: int  # as numbered in the file (the header is row 1)
    column: str  # the header as written in the file ("" for the file as a whole)
    value: str
    code: str
    message_th: str
    message_en: str


class FileRefused(Exception):
    """The file as a whole cannot be read (encoding, empty, headers, formulas...)."""

    def __init__(self, problem: CellProblem):
        self.problem = problem
        super().__init__(problem.message_en)


def _whole(code, th, en, row=0, column="", value="") -> FileRefused:
    return FileRefused(CellProblem(row, column, value, code, th, en))


@dataclass
class ReadFile:
    rows: list[tuple[int, Payment]] = field(default_factory=list)  # (row in the file, payment)
    columns: dict[str, str] = field(default_factory=dict)  # field -> header as written
    problems: list[CellProblem] = field(default_factory=list)


def read_payments(name: str, data: bytes, *, key: bytes | None = None) -> ReadFile:
    """Rows of a CSV or XLSX file as payments, with every cell that could not be read. `key` is the
    server's key of file digests (`digest_key`); left out, it is derived from Django's settings."""
    if not data.strip():
        raise _whole("empty_file", "ไฟล์ว่าง ไม่มีข้อมูล", "the file is empty")
    table = _xlsx_rows(data) if name.lower().endswith(".xlsx") else _csv_rows(data)
    table = [(n, row) for n, row in table if any(str(c).strip() for c in row if c is not None)]
    if not table:
        raise _whole("empty_file", "ไฟล์ว่าง ไม่มีข้อมูล", "the file is empty")
    header_row, header = table[0]
    columns = _columns(header_row, header)
    result = ReadFile(columns={f: header[i].strip() for f, i in columns.items()})
    good: list[tuple[int, tuple]] = []  # (row in the file, its fields) of each row read whole
    for n, row in table[1:]:
        cells = {f: (row[i] if i < len(row) else None) for f, i in columns.items()}
        fields = _payment(n, cells, result)
        if fields is not None:
            good.append((n, fields))
    # each row keyed by the file it is in and its place there (`file:DIGEST:N`, N from 1): the same file
    # sent again has the same keys and posts nothing, while the same payment in another file has another
    # key, so it is never dropped as "already imported" (the import names it as a possible duplicate)
    digest = file_digest((fields for _, fields in good), key if key is not None else server_digest_key())
    result.rows = [
        (n, Payment(member, amount, day, channel, receipt, f"file:{digest}:{i}", purpose))
        for i, (n, (member, amount, day, channel, receipt, purpose)) in enumerate(good, start=1)
    ]
    if not result.rows and not result.problems:
        raise _whole("no_rows", "ไฟล์มีแต่หัวตาราง ไม่มีรายการ", "the file has a header but no rows")
    return result


def digest_key(secret: str) -> bytes:
    """The key of file digests, derived from the server's secret (SAJJA_ID_HASH_KEY): a key of its own,
    so that a file's digest is never the digest of anything else keyed with that secret."""
    return hmac.new(secret.encode(), b"sajja.contributions.payments-file", hashlib.sha256).digest()


def server_digest_key() -> bytes:
    """`digest_key` of this server's SAJJA_ID_HASH_KEY (read from Django's settings only here)."""
    from django.conf import settings

    return digest_key(settings.SAJJA_ID_HASH_KEY)


def file_digest(rows, key: bytes) -> str:
    """The digest of a file's rows, (member, amount, day, channel, receipt, purpose) each, in order: what
    the file says, not its bytes (the same rows saved again, or as XLSX instead of CSV, are the same file).

    An HMAC under the server's key, never a plain hash: rows may hold national IDs, and the plain digest
    of a one-row file (kept in each of its entries' keys) could be reversed by trying every ID."""
    whole = hmac.new(key, digestmod=hashlib.sha256)
    for member, amount, day, channel, receipt, purpose in rows:
        whole.update(
            f"{member}\x1f{day.isoformat()}\x1f{amount}\x1f{channel}\x1f{receipt}\x1f{purpose}\x1e".encode()
        )
    return whole.hexdigest()[:40]


def _csv_rows(data: bytes) -> list[tuple[int, list]]:
    return _rows(tabular.csv_rows, data)


def _xlsx_rows(data: bytes) -> list[tuple[int, list]]:
    return _rows(tabular.xlsx_rows, data)


def _rows(read, data: bytes) -> list[tuple[int, list]]:
    """The file's rows, read within the limits of `tabular` (rows, columns, line length, unzipped size)
    that the web, the API and the command line share; a file past one is refused with the limit named."""
    try:
        return read(data)
    except tabular.Unreadable as exc:
        raise _whole(exc.code, exc.message_th, exc.message_en, row=exc.row, value=exc.value) from None


def _columns(row: int, header: list) -> dict[str, int]:
    names = [str(h).strip() if h is not None else "" for h in header]
    known = [field_of(h) for h in names]
    if not any(known):
        raise _whole(
            "no_header",
            "แถวแรกต้องเป็นหัวตาราง (รหัสสมาชิก, วันที่, จำนวนเงิน, ช่องทาง, เลขที่ใบเสร็จ)",
            "the first row must be the header (member, date, amount, channel, receipt)",
            row=row,
        )
    columns: dict[str, int] = {}
    for i, (name, f) in enumerate(zip(names, known, strict=True)):
        if not name:
            continue
        if f == "":
            continue  # a column the app prints that a payments file does not need
        if f is None:
            raise _whole(
                "unknown_header", f"ไม่รู้จักหัวคอลัมน์ {name}", f"unknown column header {name}", row, name, name
            )
        if f in columns:
            raise _whole(
                "repeated_header", f"หัวคอลัมน์ {name} ซ้ำ", f"column {name} appears twice", row, name, name
            )
        columns[f] = i
    missing = [f for f in REQUIRED if f not in columns]
    if missing:
        raise _whole(
            "missing_header",
            f"ไม่มีคอลัมน์ {', '.join(missing)}",
            f"missing column(s): {', '.join(missing)}",
            row,
        )
    return columns


def field_of(header: str) -> str | None:
    """The field a column's header names ("" for a column read past, None for one not known): any case,
    spaces inside closed up (" Member  Number " is "member number").

    >>> field_of("เลขที่สมาชิก"), field_of("Member number"), field_of("ชื่อ-สกุล"), field_of("note")
    ('member', 'member', '', None)
    """
    name = " ".join(header.split()).lower()
    if name in HEADERS:
        return HEADERS[name]
    return "" if name in SHOWN else None


def _payment(n: int, cells: dict, result: ReadFile) -> tuple | None:
    """(member, amount, day, channel, receipt, purpose) of a row, or None with its problems noted in `result`."""
    ok = True

    def bad(f, value, code, th, en):
        nonlocal ok
        ok = False
        shown = "" if value is None else str(value)
        result.problems.append(CellProblem(n, result.columns[f], shown, code, th, en))

    raw_member = _text(cells["member"])
    member, problem = _member_ref(raw_member)
    if problem:
        bad("member", raw_member, *problem)
    day, problem = parse_day(cells["date"])
    if problem:
        bad("date", cells["date"], *problem)
    amount, problem = parse_amount(cells["amount"])
    if problem:
        bad("amount", cells["amount"], *problem)
    channel: str | None = str(Channel.CASH)
    if "channel" in cells and _text(cells["channel"]):
        channel = CHANNELS.get(_text(cells["channel"]).lower())
        if channel is None:
            bad("channel", cells["channel"], "unknown_channel", "ไม่รู้จักช่องทางนี้", "unknown channel")
    receipt = _text(cells.get("receipt"))
    if len(receipt) > 32:
        bad(
            "receipt",
            receipt,
            "receipt_too_long",
            "เลขที่ใบเสร็จยาวเกิน 32 ตัวอักษร",
            "receipt number longer than 32",
        )
    purpose: str | None = str(Purpose.CONTRIBUTION)
    if "purpose" in cells and _text(cells["purpose"]):
        purpose = PURPOSES.get(_text(cells["purpose"]).lower())
        if purpose is None:
            bad(
                "purpose",
                cells["purpose"],
                "unknown_purpose",
                "ไม่รู้จักประเภทนี้ (เงินสัจจะ ค่าสมัคร หรือ ค่าธรรมเนียมกลับเข้าเป็นสมาชิก)",
                "unknown purpose (contribution, entry_fee or reinstatement_fee)",
            )
    return (member, amount, day, channel, receipt, purpose) if ok else None


@functools.lru_cache(maxsize=65536)
def _member_ref(raw: str) -> tuple[str, tuple | None]:
    """A member cell as a member number or a checked national ID, or the problem. A file names the same
    members again and again: each different cell is worked out once (here and in the two below)."""
    if not raw:
        return "", ("member_required", "ต้องระบุสมาชิก", "the member is required")
    if national_id_digits(raw):
        try:
            return normalize_national_id(raw), None
        except InvalidNationalId as exc:  # a DomainError with Thai and English
            return "", ("invalid_national_id", exc.message_th, exc.message_en)
    return member_number(raw), None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip().translate(_THAI_DIGITS)


_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


@functools.lru_cache(maxsize=4096, typed=True)
def parse_day(value) -> tuple[datetime.date | None, tuple | None]:
    """A cell as a date, or the problem (code, Thai, English).

    >>> parse_day("27/01/2549")[0], parse_day("2006-01-27")[0], parse_day("๒๗/๐๑/๒๕๔๙")[0]
    (datetime.date(2006, 1, 27), datetime.date(2006, 1, 27), datetime.date(2006, 1, 27))
    >>> parse_day("27/01/49")[1][0]
    'ambiguous_year'
    """
    if isinstance(value, datetime.datetime):
        return value.date(), None
    if isinstance(value, datetime.date):
        return value, None
    text = _text(value)
    match = _YMD.match(text)
    if match:
        y, m, d = (int(x) for x in match.groups())
    elif match := _DMY.match(text):
        d, m, y = (int(x) for x in match.groups())
    else:
        return None, ("invalid_date", "วันที่ต้องเป็น วว/ดด/ปปปป หรือ ปปปป-ดด-วว", "use DD/MM/YYYY or YYYY-MM-DD")
    year = common_era(y)
    if year is None:
        return None, (
            "ambiguous_year",
            f"ปี {y} ไม่ชัดเจน: ใช้ปี พ.ศ. หรือ ค.ศ. แบบ 4 หลัก (เช่น 2549 หรือ 2006)",
            f"the year {y} is ambiguous: write a 4-digit Buddhist-era or common-era year (e.g. 2549 or 2006)",
        )
    try:
        return datetime.date(year, m, d), None
    except ValueError:
        return None, ("invalid_date", "ไม่มีวันที่นี้ในปฏิทิน", "no such day in the calendar")


@functools.lru_cache(maxsize=4096, typed=True)
def parse_amount(value) -> tuple[int | None, tuple | None]:
    """A cell as satang, or the problem: '1,234.50', '๓๐', 30 and 30.5 are read; '30.555' is not."""
    try:
        if isinstance(value, float):
            return parse_baht(Decimal(repr(value))), None
        if isinstance(value, int) and not isinstance(value, bool):
            return parse_baht(value), None
        text = _text(value)
        if not text:
            return None, ("amount_required", "ต้องระบุจำนวนเงิน", "the amount is required")
        return parse_baht(text), None
    except MoneyError:
        return None, (
            "invalid_amount",
            "จำนวนเงินไม่ถูกต้อง (ตัวเลข ทศนิยมไม่เกิน 2 ตำแหน่ง เช่น 1,234.50)",
            "not an amount (a number with at most two decimals, e.g. 1,234.50)",
        )
