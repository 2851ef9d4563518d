"""A payments file's bytes as rows (CSV, or the first sheet of an XLSX), held to limits. No database here.

Why limits: a file is small on the wire but not in work. An XLSX is a zip, and a 400 KB sheet that repeats
one row unzips to gigabytes (issue 15 measured 48 s and 1.7 GB for one upload); a CSV line of commas is a
row of millions of fields. Every payments file is read here, whichever way it comes (the web, the API and
the command line all go through `reading.read_payments`), so they share these limits, and a file past one is
refused with the limit named, before the work it would cost is done:

- at most `MAX_ROWS` rows (the header and blank rows included) and `MAX_COLUMNS` columns in use;
- a CSV line of at most `MAX_LINE_CHARS` characters;
- an XLSX of at most `MAX_UNZIPPED_BYTES` once unzipped. The sizes the zip declares are checked before
  anything is opened; the bytes really unzipped are counted as they are read (a zip can lie about its
  sizes); the sheet's rows are counted in a quick pass over its bytes before it is parsed, and again,
  with its columns, while it is parsed. The sheet is parsed as a stream, one row at a time: memory holds
  the rows read, never the unzipped sheet;
- every other part read (the content types, the workbook, its relationships, the styles) at most
  `MAX_PART_BYTES` once unzipped (declared and counted) and `MAX_PART_TAGS` tags, counted before it is
  parsed; it is parsed by this module, streaming, for the little a payments sheet needs (where the first
  sheet is, the date epoch, which cell styles are dates), at most `MAX_STYLES` cell formats;
- at most `MAX_SHARED_STRINGS` shared strings (counted before they are parsed), `MAX_SHARED_CHARS`
  characters in all, `MAX_SHARED_BYTES` unzipped;
- every XML element of the sheet counted and dropped once read: at most `_ELEMENTS_PER_ROW` in a row (or
  between two rows) and `_OTHER_ELEMENTS` outside rows; at most 10 merged cells are read before the file
  is refused for them;
- a cell of at most `MAX_CELL_CHARS` characters (a shared string: Excel's own 32,767), and no text or tag
  longer than `_MAX_RUN` bytes in any part (refused as the bytes arrive, before the parser holds them);
- XML in UTF-8 only, without a DTD: a part that declares another encoding (or starts as UTF-16) is
  refused before it is parsed, so the refusal of `<!DOCTYPE`/`<!ENTITY` in its bytes holds.

The limits are sized for a network's import: the benchmark's 100,000-row XLSX unzips to 27 MB.
"""

from __future__ import annotations

import csv
import functools
import io
import posixpath
import re
import zipfile
from xml.etree.ElementTree import iterparse

MAX_ROWS = 200_000
MAX_COLUMNS = 64
MAX_LINE_CHARS = 16_384
MAX_UNZIPPED_BYTES = 100_000_000
MAX_PARTS = 1_000  # files inside an XLSX; Excel writes about ten
MAX_PART_BYTES = 8_000_000  # each part other than the sheet and the shared strings, unzipped
MAX_PART_TAGS = 400_000  # ... and its tags (`<` counted before it is parsed)
MAX_STYLES = 64_000  # cell formats in the styles (Excel's own limit)
MAX_SHARED_STRINGS = 500_000
MAX_SHARED_CHARS = 20_000_000
MAX_SHARED_BYTES = 32_000_000
MAX_CELL_CHARS = 1_000  # a payments cell is short: a member number, a date, an amount, a receipt number
_SHARED_CHARS_EACH = 32_767  # Excel's own limit for a cell's text: a longer shared string is no spreadsheet
_ELEMENTS_PER_ROW = 4 * 16_384  # XML elements in a row, or between two rows, of the sheet
_OTHER_ELEMENTS = 100_000  # XML elements of the sheet outside its rows (columns, views, page setup...)
_MAX_RUN = 1 << 20  # bytes without a `<`: a text or a tag this long is no spreadsheet's
_CELLS_PER_ROW = 16_384  # Excel's own last column (XFD): a row with more cell elements is no spreadsheet
_CHUNK = 1 << 20
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_DTD = (b"<!DOCTYPE", b"<!ENTITY")  # never in a workbook; entities are how XML itself is made to explode
_DECLARATION = re.compile(rb"<\?xml\s[^>]*?\bencoding\s*=\s*[\"']([^\"']*)[\"']")


class Unreadable(Exception):
    """The file as a whole cannot be read into rows; `reading` turns it into its `FileRefused`."""

    def __init__(self, code: str, message_th: str, message_en: str, row: int = 0, value: str = ""):
        self.code, self.message_th, self.message_en, self.row, self.value = (
            code,
            message_th,
            message_en,
            row,
            value,
        )
        super().__init__(message_en)


def too_many_rows() -> Unreadable:
    return Unreadable(
        "too_many_rows",
        f"ไฟล์มีเกิน {MAX_ROWS:,} แถว: แบ่งเป็นหลายไฟล์",
        f"the file has more than {MAX_ROWS:,} rows: split it into several files",
    )


def too_many_columns(row: int) -> Unreadable:
    return Unreadable(
        "too_many_columns",
        f"แถว {row} มีเกิน {MAX_COLUMNS} คอลัมน์",
        f"row {row} has more than {MAX_COLUMNS} columns",
        row=row,
    )


def _not_xlsx(why_th: str = "", why_en: str = "") -> Unreadable:
    return Unreadable(
        "not_xlsx",
        "ไฟล์นี้ไม่ใช่ XLSX ที่อ่านได้" + (f" ({why_th})" if why_th else ""),
        "this is not a readable XLSX file" + (f" ({why_en})" if why_en else ""),
    )


def _too_large_unzipped() -> Unreadable:
    limit = f"{MAX_UNZIPPED_BYTES // 1_000_000} MB"
    return Unreadable(
        "file_too_large_uncompressed",
        f"ไฟล์ XLSX เมื่อคลายการบีบอัดแล้วใหญ่เกิน {limit}: แบ่งเป็นหลายไฟล์",
        f"the XLSX file is larger than {limit} once unzipped: split it into several files",
    )


def _part_too_large(part: str, limit: int) -> Unreadable:
    size = f"{limit // 1_000_000} MB"
    return Unreadable(
        "part_too_large",
        f"ส่วน {part} ของไฟล์ XLSX เมื่อคลายการบีบอัดแล้วใหญ่เกิน {size}",
        f"the part {part} of the XLSX file is larger than {size} once unzipped",
    )


def _too_many_elements(part: str, limit: int) -> Unreadable:
    return Unreadable(
        "too_many_elements",
        f"ส่วน {part} ของไฟล์ XLSX มีองค์ประกอบ XML เกิน {limit:,} รายการ",
        f"the part {part} of the XLSX file has more than {limit:,} XML elements",
    )


def _too_many_styles() -> Unreadable:
    return Unreadable(
        "too_many_styles",
        f"ไฟล์ XLSX มีรูปแบบเซลล์เกิน {MAX_STYLES:,} แบบ",
        f"the XLSX file has more than {MAX_STYLES:,} cell formats",
    )


def _too_many_strings(what_th: str, what_en: str) -> Unreadable:
    return Unreadable(
        "too_many_strings",
        f"ตารางข้อความของไฟล์ XLSX มี{what_th}",
        f"the XLSX file's shared strings have {what_en}",
    )


def cell_too_long(where: str, row: int = 0, limit: int = MAX_CELL_CHARS) -> Unreadable:
    """`where` a cell (B2), or "" where the cell is not known (then the row, if known, is named)."""
    if where:
        th, en = f"เซลล์ {where}", f"cell {where}"
    elif row:
        th, en = f"เซลล์หนึ่งในแถว {row}", f"a cell in row {row}"
    else:
        th, en = "ข้อความหนึ่งในไฟล์", "a text in the file"
    return Unreadable(
        "cell_too_long",
        f"{th} ยาวเกิน {limit:,} ตัวอักษร",
        f"{en} is longer than {limit:,} characters",
        row=row,
    )


class _LongRun(Unreadable):
    """A text or tag longer than `_MAX_RUN` bytes, found in the bytes before the parser holds it; `lead`
    holds the bytes around its start (to name the cell, where it is in the sheet)."""

    def __init__(self, lead: bytes):
        problem = cell_too_long("")
        super().__init__(problem.code, problem.message_th, problem.message_en)
        self.lead = lead


# --- CSV ---------------------------------------------------------------------------------------------------


def csv_rows(data: bytes) -> list[tuple[int, list]]:
    """(line number, fields) of each row of a UTF-8 CSV, within the limits."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Unreadable(
            "wrong_encoding",
            "อ่านไฟล์ไม่ได้: ไม่ใช่ UTF-8 (บันทึกไฟล์ใหม่เป็น CSV UTF-8)",
            "the file is not UTF-8 (save it again as CSV UTF-8)",
        ) from None
    if "\x00" in text:
        raise Unreadable("not_text", "ไฟล์นี้ไม่ใช่ข้อความ CSV", "this file is not CSV text")
    _check_lines(text)
    rows = []
    try:
        for n, row in enumerate(csv.reader(io.StringIO(text)), start=1):
            if n > MAX_ROWS:
                raise too_many_rows()
            if len(row) > MAX_COLUMNS and _width(row) > MAX_COLUMNS:
                raise too_many_columns(n)
            rows.append((n, row))
    except csv.Error as exc:
        raise Unreadable("bad_csv", f"อ่าน CSV ไม่ได้: {exc}", f"cannot read the CSV: {exc}") from None
    return rows


def _check_lines(text: str) -> None:
    """Too many lines or too long a line, found before the CSV is parsed (counting is cheap; parsing a
    line of a million commas is not)."""
    if max(text.count("\n"), text.count("\r")) > MAX_ROWS:  # every line but the last ends with one of them
        raise too_many_rows()
    lines = _LINE_BREAK.split(text)
    if max(map(len, lines)) > MAX_LINE_CHARS:
        n = next(i for i, line in enumerate(lines, start=1) if len(line) > MAX_LINE_CHARS)
        raise Unreadable(
            "line_too_long",
            f"บรรทัด {n} ยาวเกิน {MAX_LINE_CHARS:,} ตัวอักษร",
            f"line {n} is longer than {MAX_LINE_CHARS:,} characters",
            row=n,
        )


def _width(row: list) -> int:
    """Columns in use: up to the last field with something in it (trailing empty fields do not count)."""
    return next((i + 1 for i in range(len(row) - 1, -1, -1) if row[i].strip()), 0)


# --- XLSX --------------------------------------------------------------------------------------------------


def xlsx_rows(data: bytes) -> list[tuple[int, list]]:
    """(row number, values) of each row of the workbook's first sheet with something in it, within the
    limits. Formulas and merged cells are refused: a payment is a value, one per cell."""
    if data.count(b"PK\x01\x02") > MAX_PARTS:  # the zip's directory entries, counted before it is opened
        raise _not_xlsx(f"มีไฟล์ย่อยเกิน {MAX_PARTS:,} ไฟล์", f"more than {MAX_PARTS:,} parts")
    try:
        archive = _CountedZip(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise _not_xlsx() from None
    with archive:
        if sum(part.file_size for part in archive.infolist()) > MAX_UNZIPPED_BYTES:
            raise _too_large_unzipped()
        try:
            cells, sheet = _first_sheet(archive)
            _count_rows(archive, sheet)
            return _parse_rows(archive, sheet, cells)
        except Unreadable:
            raise
        except Exception:  # a broken part answers with any of a dozen errors (XML, numbers, a missing part)
            raise _not_xlsx() from None


_CONTENT_TYPES = "[Content_Types].xml"
_WORKBOOK_TYPES = tuple(  # in the order openpyxl looks for them
    f"application/vnd.{kind}.main+xml"
    for kind in (
        "ms-excel.template.macroEnabled",
        "openxmlformats-officedocument.spreadsheetml.template",
        "ms-excel.sheet.macroEnabled",
        "openxmlformats-officedocument.spreadsheetml.sheet",
    )
)
_SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_STYLES = "xl/styles.xml"


def _first_sheet(archive: _CountedZip):
    """The reader of the first worksheet's cells (shared strings, date styles, the workbook's epoch) and
    its path, found as openpyxl finds them (the content types name the workbook and the shared strings,
    the workbook's relationships its sheets) but read here, each part streamed and held to its limits:
    openpyxl builds the whole tree of each part, and objects from it (a million cell formats: 24 s, 1 GB)."""
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH

    overrides: dict[str, str] = {}  # content type -> its first part
    defaults: set[str] = set()
    for name, element in _elements(archive, _CONTENT_TYPES):
        if name == "Override":
            overrides.setdefault(element.get("ContentType"), element.get("PartName", ""))
        elif name == "Default":
            defaults.add(element.get("ContentType"))
    found = next((overrides[kind] for kind in _WORKBOOK_TYPES if kind in overrides), None)
    if found is None and not defaults & set(_WORKBOOK_TYPES):
        raise _not_xlsx("ไม่มีสมุดงาน", "no workbook")
    book = found[1:] if found is not None else "xl/workbook.xml"
    folder, base = posixpath.split(book)
    relations = _relations(archive, posixpath.join(folder, "_rels", f"{base}.rels"))
    epoch, first = WINDOWS_EPOCH, None
    for name, element in _elements(archive, book):
        if name == "workbookPr":
            if element.get("date1904", "false") not in ("false", "f", "0"):
                epoch = CALENDAR_MAC_1904
        elif name == "sheet" and first is None:
            rid = next((v for k, v in element.items() if k.endswith("}id")), None)
            if not rid:
                continue  # openpyxl drops such a sheet too
            target, kind = relations[rid]
            if target in archive.names and "chartsheet" not in kind:
                first = target
    if first is None:
        raise _not_xlsx("ไม่มีแผ่นงาน", "no worksheet")
    strings = overrides.get(_SHARED_STRINGS_TYPE)
    shared = _shared_strings(archive, strings[1:]) if strings is not None else []
    dates, durations = _date_styles(archive)
    return _Cells(shared, epoch, dates, durations), first


def _relations(archive: _CountedZip, path: str) -> dict[str, tuple[str, str]]:
    """Id -> (target as a path in the zip, type) of a part's relationships, as openpyxl resolves them."""
    parent = posixpath.split(posixpath.dirname(path))[0]
    relations: dict[str, tuple[str, str]] = {}
    for name, element in _elements(archive, path):
        if name == "Relationship" and element.get("TargetMode") != "External":
            target = element.get("Target", "")
            target = (
                target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(parent, target))
            )
            relations.setdefault(element.get("Id"), (target, element.get("Type", "")))
    return relations


def _small_part(
    archive: _CountedZip, path: str, limit: int = MAX_PART_BYTES, tags: int | None = MAX_PART_TAGS
):
    """A part other than the sheet, whole, within its own limits: its size (declared, then counted as it is
    unzipped) and its tags (counted before it is parsed: parsing is a hundred times dearer)."""
    if archive.getinfo(path).file_size > limit:
        raise _part_too_large(path, limit)
    with archive.open(path) as part:
        part.limit = limit
        raw = part.read()
    if tags is not None and raw.count(b"<") > tags:
        raise _too_many_elements(path, tags)
    return raw


def _elements(archive: _CountedZip, path: str):
    """(local name, element) of each element of a small part, streamed, each dropped once it is seen:
    what it holds is read from its attributes."""
    for _, element in iterparse(io.BytesIO(_small_part(archive, path))):
        yield element.tag.rpartition("}")[2], element
        element.clear()


def _shared_strings(archive: _CountedZip, path: str) -> list[str]:
    """The shared strings, as openpyxl reads them (the text of each, runs joined, phonetics left out),
    counted before they are parsed and held to their limits while they are."""
    raw = _small_part(archive, path, MAX_SHARED_BYTES, tags=None)
    found = _SST.search(raw, 0, 4096)
    tag = b"<" + (found[1] + b":" if found and found[1] else b"") + b"si"
    if raw.count(tag) > MAX_SHARED_STRINGS:  # an upper bound (<sis... counts too); the parse counts exactly
        raise _too_many_strings(
            f"เกิน {MAX_SHARED_STRINGS:,} ข้อความ", f"more than {MAX_SHARED_STRINGS:,} strings"
        )
    if raw.count(b"<") > 5 * MAX_SHARED_STRINGS:  # rich text, phonetics: room for a few elements each
        raise _too_many_elements(path, 5 * MAX_SHARED_STRINGS)
    strings: list[str] = []
    chars = 0
    for _, element in iterparse(io.BytesIO(raw)):
        element_tag = element.tag
        if element_tag == _SHARED:
            if len(element) == 1 and element[0].tag == _TEXT:
                text = element[0].text or ""
            else:
                plain = element.findtext(_TEXT)
                runs = [run.findtext(_TEXT) or "" for run in element.findall(_RUN)]
                text = "".join([plain or "", *runs])
            element.clear()
            text = text.replace("x005F_", "")
            if len(text) > _SHARED_CHARS_EACH:
                raise cell_too_long("", limit=_SHARED_CHARS_EACH)
            chars += len(text)
            strings.append(text)
            if len(strings) > MAX_SHARED_STRINGS:
                raise _too_many_strings(
                    f"เกิน {MAX_SHARED_STRINGS:,} ข้อความ", f"more than {MAX_SHARED_STRINGS:,} strings"
                )
            if chars > MAX_SHARED_CHARS:
                raise _too_many_strings(
                    f"รวมเกิน {MAX_SHARED_CHARS:,} ตัวอักษร", f"more than {MAX_SHARED_CHARS:,} characters in all"
                )
        elif element_tag != _TEXT and element_tag != _RUN:
            element.clear()  # formatting of runs, phonetics: not read
    return strings


_SST = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?sst[\s>/]")


def _date_styles(archive: _CountedZip) -> tuple[set[int], set[int]]:
    """The cell formats (indexes of the styles' cellXfs) that show dates, and those that show durations, as
    openpyxl tells them; only the number formats and the cell formats are read. No styles: no dates."""
    if _STYLES not in archive.names:
        return set(), set()
    from openpyxl.styles.numbers import builtin_format_code, is_date_format, is_timedelta_format

    custom: dict[int, str | None] = {}  # no formatCode: no date (as openpyxl reads it)
    formats: list[int] = []  # numFmtId of each of cellXfs
    seen = 0  # xf and numFmt elements, wherever they are
    for _, element in iterparse(io.BytesIO(_small_part(archive, _STYLES))):
        name = element.tag.rpartition("}")[2]
        if name == "xf" or name == "numFmt":
            seen += 1
            if seen > 2 * MAX_STYLES + 1_000:
                raise _too_many_styles()
            if len(element):
                del element[:]
            continue  # read with their list, below
        if name == "numFmts":
            # a numFmt without its id fails int(""): the file is no readable XLSX
            custom = {int(f.get("numFmtId", "")): f.get("formatCode") for f in element}
        elif name == "cellXfs":
            if len(element) > MAX_STYLES:
                raise _too_many_styles()
            formats = [int(xf.get("numFmtId", 0)) for xf in element]
        element.clear()
    dates, durations = set(), set()
    kinds: dict[int, tuple[bool, bool]] = {}
    for index, number in enumerate(formats):
        if number not in kinds:
            code = custom[number] if number in custom else builtin_format_code(number)
            kinds[number] = (is_date_format(code), is_timedelta_format(code))
        date, duration = kinds[number]
        if date:
            dates.add(index)
        if duration:
            durations.add(index)
    return dates, durations


def _count_rows(archive: _CountedZip, sheet: str) -> None:
    """Refuse a sheet of too many rows from a pass over its bytes, before it is parsed: counting row tags
    is a hundred times cheaper than parsing rows. An upper bound (`<rowBreaks` counts too); the tag is
    `<row`, or `<x:row` where the sheet names its namespace `x` (as some programs write it)."""
    count, tail, tag = 0, b"", None
    with archive.open(sheet) as part:
        while chunk := _read_sheet(part):
            window = tail + chunk
            if tag is None:
                found = _sheet_data(window)
                if found is None:
                    tail = window[-4096:]  # the rows start after <sheetData>: look on with what comes next
                    continue
                tag, window = b"<" + (found[1] + b":" if found[1] else b"") + b"row", window[found.end() :]
            count += window.count(tag)
            if count > MAX_ROWS:
                raise too_many_rows()
            tail = window[1 - len(tag) :]  # a tag cut in two by the chunks is counted in the next window


def _sheet_data(window: bytes):
    """The `<sheetData` tag in the bytes (its prefix in group 1), found by the name first: a regular
    expression tried at every `<` of a sheet is slow where millions come before it."""
    at = window.find(b"sheetData")
    while at != -1:
        start = window.rfind(b"<", max(0, at - 256), at)
        found = _SHEET_DATA.match(window, start) if start != -1 else None
        if found is not None:
            return found
        at = window.find(b"sheetData", at + 1)
    return None


def _read_sheet(part: _CountedPart) -> bytes:
    try:
        return part.read(_CHUNK)
    except _LongRun as long:
        raise _long_cell(long.lead) from None


_SHEET_DATA = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?sheetData[\s>/]")


def _parse_rows(archive: _CountedZip, sheet: str, cells: _Cells) -> list[tuple[int, list]]:
    """The sheet's rows, parsed as a stream: each row is turned into values and dropped from the tree.
    Every element is counted: those of a row (or between two rows) are at most `_ELEMENTS_PER_ROW` and
    are dropped with it; those outside rows (which the parser keeps) are at most `_OTHER_ELEMENTS`."""
    rows: list[tuple[int, list]] = []
    merged: list[str] = []
    count = in_row = pending = outside = 0
    with archive.open(sheet) as part:
        try:
            for _, element in iterparse(part):
                pending += 1
                tag = element.tag
                if tag == _CELL:
                    in_row += 1
                    if in_row > _CELLS_PER_ROW:
                        raise too_many_columns(cells.row + 1)
                elif tag == _ROW:
                    count, in_row = count + 1, 0
                    if count > MAX_ROWS:
                        raise too_many_rows()
                    n, row = cells.read_row(element)
                    outside += pending - len(list(element.iter()))  # what ended since the last row, not in it
                    if outside > _OTHER_ELEMENTS:
                        raise _too_many_elements(sheet, _OTHER_ELEMENTS)
                    pending = 0
                    element.clear()
                    if row:
                        rows.append((n, row))
                elif pending > _ELEMENTS_PER_ROW:
                    raise _too_many_elements(sheet, _ELEMENTS_PER_ROW)
                elif tag == _MERGE:
                    merged.append(element.get("ref", ""))
                    if len(merged) > 10:
                        break  # refused for the ten named: the rest need not be read
        except _LongRun as long:
            raise _long_cell(long.lead, cells.row + 1) from None
    if merged:
        shown = ", ".join(merged[:10]) + (", …" if len(merged) > 10 else "")
        raise Unreadable(
            "merged_cells", f"ไฟล์มีเซลล์ที่ผสานกัน ({shown})", f"the sheet has merged cells ({shown})"
        )
    if cells.formula:
        raise _formula(*cells.formula)
    return rows


def _long_cell(lead: bytes, row: int = 0) -> Unreadable:
    """The refusal of a text too long to be read, naming its cell where the bytes before it show it (else
    its row)."""
    cells, rows = _CELL_TAG.findall(lead), _ROW_TAG.findall(lead)
    return cell_too_long(cells[-1].decode() if cells else "", row or (int(rows[-1]) if rows else 0))


_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\s[^<>]*?\br\s*=\s*[\"']([0-9]{1,7})[\"']")
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\s[^<>]*?\br\s*=\s*[\"']([A-Z]{1,3}[0-9]{1,7})[\"']")


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _MERGE, _VALUE, _FORMULA = (f"{_MAIN}{t}" for t in ("row", "c", "mergeCell", "v", "f"))
_INLINE, _TEXT, _RUN, _SHARED = (f"{_MAIN}{t}" for t in ("is", "t", "r", "si"))
_COORDINATE = re.compile(r"([A-Z]{1,3})(\d+)")


class _Cells:
    """Values of a sheet's row elements as openpyxl reads them (numbers, text, booleans, dates by the
    cell's style, formulas as `=...`), at a fraction of its cost: its cell objects build each inline
    string through its descriptors, the most part of reading a sheet. The first formula is kept: it is
    refused once the sheet is read, after merged cells, which come last in the sheet."""

    def __init__(self, shared_strings: list, epoch, dates: set[int], durations: set[int]):
        self.shared = shared_strings
        self.epoch = epoch
        self.dates, self.durations = dates, durations
        self.row = 0
        self.formula: tuple[str, int, str] | None = None  # (coordinate, row, formula)

    def read_row(self, element) -> tuple[int, list]:
        """(row number, values by column) of a row element; [] when nothing in it has a value."""
        r = element.get("r")
        self.row = int(r) if r else self.row + 1
        values: dict[int, object] = {}
        column = 0
        for cell in element:
            if cell.tag != _CELL:
                continue
            where = cell.get("r")
            if where:
                named = _COORDINATE.fullmatch(where)
                if named is None:  # not a cell's name (B2): the file is no readable XLSX
                    raise _not_xlsx()
                column = _column(named[1])
            else:
                column += 1
            value = self._value(cell, where or f"{_letters(column)}{self.row}")
            if value is not None:
                values[column] = value
        if not values:
            return self.row, []
        width = max(values)
        if width > MAX_COLUMNS:
            raise too_many_columns(self.row)
        return self.row, [values.get(c) for c in range(1, width + 1)]

    def _value(self, cell, where: str):
        kind = cell.get("t", "n")
        if cell.find(_FORMULA) is not None:
            text = "=" + (cell.find(_FORMULA).text or "")
            if len(text) > MAX_CELL_CHARS:
                raise cell_too_long(where, self.row)
            self.formula = self.formula or (where, self.row, text)
            return text
        if kind == "inlineStr":
            inline = cell.find(_INLINE)
            if inline is None:
                return None
            plain = inline.findtext(_TEXT)
            runs = [run.findtext(_TEXT) or "" for run in inline.findall(_RUN)]
            text = "".join([plain or "", *runs])
            if len(text) > MAX_CELL_CHARS:
                raise cell_too_long(where, self.row)
            return text
        text = cell.findtext(_VALUE) or ""
        if not text:
            return None
        if len(text) > MAX_CELL_CHARS:
            raise cell_too_long(where, self.row)
        if kind == "n":
            return self._number(text, int(cell.get("s") or 0))
        if kind == "s":
            shared = self.shared[int(text)]
            if len(shared) > MAX_CELL_CHARS:
                raise cell_too_long(where, self.row)
            return shared
        if kind == "b":
            return bool(int(text))
        if kind == "d":
            from openpyxl.utils.datetime import from_ISO8601

            return from_ISO8601(text)
        return text  # "str" (a formula's text) and "e" (an error such as #N/A) as written

    def _number(self, text: str, style: int):
        number = float(text) if ("." in text or "e" in text or "E" in text) else int(text)
        if style not in self.dates:
            return number
        from openpyxl.utils.datetime import from_excel

        try:
            return from_excel(number, self.epoch, timedelta=style in self.durations)
        except (OverflowError, ValueError):
            return "#VALUE!"  # as openpyxl: a date serial past the calendar reads as an error


@functools.lru_cache(maxsize=1024)
def _column(letters: str) -> int:
    from openpyxl.utils import column_index_from_string

    return column_index_from_string(letters)


def _letters(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column) if 1 <= column <= 18_278 else str(column)


def _formula(where: str, row: int, text: str) -> Unreadable:
    return Unreadable(
        "formula",
        f"เซลล์ {where} เป็นสูตร: ใส่ค่าแทนสูตร",
        f"cell {where} holds a formula: put values, not formulas",
        row=row,
        value=text,
    )


class _CountedZip(zipfile.ZipFile):
    """A zip whose parts count the bytes they unzip, together, against `MAX_UNZIPPED_BYTES` (and each
    against its own limit, where it has one): the declared sizes are checked before anything is read, but
    the count is what holds whatever the zip claims. A part read twice (the sheet: counted, then parsed)
    counts once."""

    def __init__(self, file):
        super().__init__(file)
        self.unzipped = 0
        self.read_of: dict[str, int] = {}
        self.names = set(self.namelist())

    def open(self, name, mode="r", pwd=None, **kwargs):
        stream = super().open(name, mode, pwd, **kwargs)
        return _CountedPart(stream, self, name if isinstance(name, str) else name.filename)

    def spend(self, part: str, done: int) -> None:
        before = self.read_of.get(part, 0)
        if done > before:
            self.read_of[part] = done
            self.unzipped += done - before
            if self.unzipped > MAX_UNZIPPED_BYTES:
                raise _too_large_unzipped()


class _CountedPart(io.RawIOBase):
    """One part of the zip, read through the count (and its own `limit`, set by who opens it). Refused as
    its bytes arrive, before a parser holds them: XML in another encoding than UTF-8 (the first bytes), a
    DTD (XML entities), a text or tag longer than `_MAX_RUN` bytes."""

    def __init__(self, stream, archive: _CountedZip, name: str):
        super().__init__()
        self.stream, self.archive, self.name, self.done, self.tail = stream, archive, name, 0, b""
        self.limit = MAX_UNZIPPED_BYTES
        self.head: bytes | None = b""  # the first bytes, until their encoding is known (then None)
        self.run, self.lead = 0, b""  # bytes since the last `<`; the bytes around that `<`

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            return b"".join(iter(lambda: self.read(_CHUNK), b""))
        data = self.stream.read(size)
        self.done += len(data)
        self.archive.spend(self.name, self.done)
        if self.done > self.limit:
            raise _part_too_large(self.name, self.limit)
        if self.head is not None:
            self._check_encoding(self.head, data)
        window = self.tail + data
        if any(mark in window for mark in _DTD):
            raise _not_xlsx("มีการประกาศ DTD", "it declares a DTD")
        self.tail = data[-8:]
        at = data.rfind(b"<")
        if at < 0:
            self.run += len(data)
        else:
            self.run, self.lead = len(data) - at - 1, data[max(0, at - 512) : at + 64]
        if self.run > _MAX_RUN:
            raise _LongRun(self.lead)
        return data

    def _check_encoding(self, before: bytes, data: bytes) -> None:
        """UTF-8 only: the first bytes are not UTF-16 or UTF-32 (a byte-order mark, or a zero byte), and an
        XML declaration names no other encoding. Then `<!DOCTYPE` in the bytes is `<!DOCTYPE` in the XML.
        `before`: the first bytes kept from the reads before (`self.head`, while the encoding is not known)."""
        head = before + data[:512]
        if head.startswith(b"\xef\xbb\xbf"):
            head = head[3:]
        ended = not data or len(head) >= 512 or b"?>" in head or not b"<?xml".startswith(head[:5])
        if not ended:
            self.head = head
            return
        self.head = None
        declared = _DECLARATION.match(head)
        if (
            head[:2] in (b"\xfe\xff", b"\xff\xfe")
            or b"\x00" in head[:4]
            or (declared is not None and declared[1].lower() not in (b"utf-8", b"utf8"))
        ):
            raise _not_xlsx("ไม่ใช่ UTF-8", "its XML is not UTF-8")

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.stream.close()
        super().close()
