"""Hostile payments files (issue 15, item 1): a zip bomb, a zip that lies about its sizes, too many rows or
columns, a giant line, XML entities. Each is refused fast, in little memory, with the limit named, and the
same way through `read_payments` (which the web, the API and the command line all use) and the API."""

from __future__ import annotations

import datetime
import io
import struct
import time
import tracemalloc
import zipfile
import zlib

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sajja.contributions import tabular
from sajja.contributions.reading import FileRefused, read_payments
from tests.contributions.factories import csv_bytes, import_client, import_url, row_counts, xlsx_bytes

SHEET = "xl/worksheets/sheet1.xml"
HEAD = (
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c t="inlineStr"><is><t>member</t></is></c><c t="inlineStr"><is><t>date</t></is></c>'
    b'<c t="inlineStr"><is><t>amount</t></is></c></row>'
)
ROW = (
    b'<row><c t="inlineStr"><is><t>000001</t></is></c><c t="inlineStr"><is><t>2026-11-16</t></is></c>'
    b"<c><v>30</v></c></row>"
)
TAIL = b"</sheetData></worksheet>"


def workbook(sheet_chunks, level: int = 9) -> bytes:
    """A real workbook (from openpyxl) whose first sheet is replaced by the given bytes, written as a
    stream: a sheet of hundreds of megabytes is built without ever being held whole."""
    model = zipfile.ZipFile(io.BytesIO(xlsx_bytes([["member"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as book:
        for part in model.infolist():
            if part.filename != SHEET:
                book.writestr(part.filename, model.read(part.filename))
        with book.open(SHEET, "w", force_zip64=True) as sheet:
            for chunk in sheet_chunks:
                sheet.write(chunk)
    return out.getvalue()


def repeated(rows: int, row: bytes = ROW):
    """The sheet's bytes: the header, then `row` repeated, a megabyte at a time."""
    yield HEAD
    block = row * max(1, (1 << 20) // len(row))
    per_block = len(block) // len(row)
    left = rows
    while left >= per_block:
        yield block
        left -= per_block
    yield row * left + TAIL


def refused(name: str, data: bytes, seconds: float = 2.0, megabytes: int = 300) -> FileRefused:
    """The refusal of the file, checked to come within `seconds` of this process's CPU time (what reading
    costs, whatever else the machine runs) and `megabytes` of memory at its peak."""
    tracemalloc.start()
    started = time.process_time()
    try:
        with pytest.raises(FileRefused) as caught:
            read_payments(name, data)
        took = time.process_time() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert took < seconds, f"refused after {took:.2f} s"
    assert peak < megabytes * 1_000_000, f"peak memory {peak / 1e6:.0f} MB"
    return caught.value


def lie_about(data: bytes, name: str, size: int) -> bytes:
    """The zip with its directory declaring `size` bytes for `name` (and the checksum of that many bytes of
    the real content, so that the lie holds up to a reader that trusts the directory)."""
    real = zipfile.ZipFile(io.BytesIO(data)).read(name)  # the test's own file: built honestly, read once
    crc = zlib.crc32(real[:size])
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at != -1:
        length, extra = struct.unpack("<HH", out[at + 28 : at + 32])
        if out[at + 46 : at + 46 + length] == name.encode():
            out[at + 16 : at + 20] = struct.pack("<I", crc)
            if struct.unpack("<I", out[at + 24 : at + 28])[0] == 0xFFFFFFFF:  # the size is in the zip64 extra
                field = out.find(b"\x01\x00", at + 46 + length, at + 46 + length + extra)
                out[field + 4 : field + 12] = struct.pack("<Q", size)
            else:
                out[at + 24 : at + 28] = struct.pack("<I", size)
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


# --- XLSX ------------------------------------------------------------------------------------------------


def test_a_sheet_that_unzips_past_the_limit_is_refused_at_once_in_little_memory():
    rows = tabular.MAX_UNZIPPED_BYTES // len(ROW) + 1000
    bomb = workbook(repeated(rows))
    assert len(bomb) < 1_000_000  # a small upload...
    problem = refused("bomb.xlsx", bomb).problem  # ...that would unzip past 100 MB
    assert problem.code == "file_too_large_uncompressed"
    assert "100 MB" in problem.message_en and "100 MB" in problem.message_th


def test_a_zip_that_declares_a_small_sheet_but_holds_a_huge_one_is_refused_fast():
    rows = tabular.MAX_UNZIPPED_BYTES // len(ROW) + 1000
    liar = lie_about(workbook(repeated(rows)), SHEET, 5_000)
    assert sum(p.file_size for p in zipfile.ZipFile(io.BytesIO(liar)).infolist()) < tabular.MAX_UNZIPPED_BYTES
    # what the directory declares is all a reader gets: the rest is never unzipped, and the cut-off sheet
    # is refused as unreadable (before the fix, its broken XML escaped as an error: a 500)
    assert refused("liar.xlsx", liar).problem.code == "not_xlsx"


def test_the_bytes_really_unzipped_are_counted_whatever_the_zip_declares(monkeypatch):
    """The declared sizes are checked first; the count while reading is what holds if they lie (here: a
    limit lowered below what one honest part unzips to, as a lying zip reader would hand out)."""
    data = workbook(repeated(2_000))
    monkeypatch.setattr(tabular, "MAX_UNZIPPED_BYTES", 10**9)
    assert len(tabular.xlsx_rows(data)) == 2_001
    counted = tabular._CountedZip(io.BytesIO(data))
    monkeypatch.setattr(tabular, "MAX_UNZIPPED_BYTES", 50_000)
    with pytest.raises(tabular.Unreadable) as caught, counted.open(SHEET) as part:
        while part.read(4096):
            pass
    assert caught.value.code == "file_too_large_uncompressed"
    assert counted.unzipped <= 50_000 + 4096


def test_a_sheet_of_too_many_rows_is_refused_before_it_is_parsed():
    data = workbook(repeated(tabular.MAX_ROWS))  # the header and MAX_ROWS payments: one row too many
    problem = refused("long.xlsx", data).problem
    assert problem.code == "too_many_rows"
    assert "200,000" in problem.message_en and "200,000" in problem.message_th


def test_a_sheet_that_names_its_namespace_is_read_and_its_rows_counted(monkeypatch):
    """Some programs write `<x:row>`: the rows are read the same, and counted the same before parsing."""

    def prefixed(chunks):
        for chunk in chunks:
            chunk = chunk.replace(b'<worksheet xmlns="', b'<x:worksheet xmlns:x="').replace(
                b"</worksheet", b"</x:worksheet"
            )
            for tag in (b"sheetData", b"row", b"c", b"is", b"t", b"v"):
                chunk = chunk.replace(b"<" + tag + b">", b"<x:" + tag + b">").replace(
                    b"<" + tag + b" ", b"<x:" + tag + b" "
                )
                chunk = chunk.replace(b"</" + tag + b">", b"</x:" + tag + b">")
            yield chunk

    data = workbook(prefixed(repeated(3)))
    assert b"<x:row>" in zipfile.ZipFile(io.BytesIO(data)).read(SHEET)
    assert [row for _, row in tabular.xlsx_rows(data)][1] == ["000001", "2026-11-16", 30]
    monkeypatch.setattr(tabular, "MAX_ROWS", 3)
    counted = []
    monkeypatch.setattr(tabular, "_parse_rows", lambda *args: counted.append(args))
    with pytest.raises(tabular.Unreadable) as caught:
        tabular.xlsx_rows(data)
    assert caught.value.code == "too_many_rows" and not counted  # refused before parsing


def test_a_workbook_with_too_many_columns_is_refused_naming_the_row_and_the_limit():
    wide = [["member", "date", "amount"], ["000001", "2026-11-16", 30, *range(tabular.MAX_COLUMNS)]]
    problem = refused("wide.xlsx", xlsx_bytes(wide)).problem
    assert (problem.code, problem.row) == ("too_many_columns", 2)
    assert "64" in problem.message_en and "64" in problem.message_th


def test_a_row_of_a_million_empty_cells_is_refused_without_holding_them():
    row = b"<row>" + b"<c/>" * 1_000_000 + b"</row>"
    problem = refused("cells.xlsx", workbook([HEAD, row, TAIL])).problem
    assert (problem.code, problem.row) == ("too_many_columns", 2)


def test_xml_entities_in_a_sheet_are_refused():
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            b'<!ENTITY %c "&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;">' % ((98 + i,) + (97 + i,) * 10)
            for i in range(8)
        )
        + b"]>"
    )
    data = workbook([laughs, HEAD, b'<row><c t="inlineStr"><is><t>&i;</t></is></c></row>', TAIL])
    assert refused("laughs.xlsx", data).problem.code == "not_xlsx"


def test_an_ordinary_workbook_still_reads_as_before():
    """The streaming reader gives what openpyxl's full load gave: numbers, dates by style, text; empty
    rows skipped, rows numbered as in the sheet, a value past an empty cell in its column."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["member", "date", "amount", "channel"])
    sheet.append(["000001", datetime.date(2026, 11, 16), 30, None])
    sheet.append([])
    sheet.append(["000002", "16/11/2569", 30.5, "cash"])
    sheet["F4"] = True
    out = io.BytesIO()
    book.save(out)
    rows = tabular.xlsx_rows(out.getvalue())
    assert [n for n, _ in rows] == [1, 2, 4]
    assert rows[1][1][:3] == ["000001", datetime.datetime(2026, 11, 16), 30]
    assert rows[2][1] == ["000002", "16/11/2569", 30.5, "cash", None, True]


# --- the other parts of a workbook, and what the sheet holds besides its rows -------------------------------

MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRINGS = "xl/sharedStrings.xml"
STRINGS_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def with_parts(parts: dict, level: int = 9) -> bytes:
    """A real workbook (from openpyxl) with parts replaced or added (bytes, or chunks written as a stream);
    shared strings added are declared in its content types, as Excel declares them."""
    model = zipfile.ZipFile(io.BytesIO(xlsx_bytes([["member"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as book:
        for part in model.infolist():
            if part.filename not in parts:
                data = model.read(part.filename)
                if part.filename == "[Content_Types].xml" and STRINGS in parts:
                    data = data.replace(
                        b"</Types>",
                        b'<Override PartName="/'
                        + STRINGS.encode()
                        + b'" ContentType="'
                        + STRINGS_TYPE
                        + b'" /></Types>',
                    )
                book.writestr(part.filename, data)
        for name, content in parts.items():
            with book.open(name, "w", force_zip64=True) as part:
                for chunk in [content] if isinstance(content, bytes) else content:
                    part.write(chunk)
    return out.getvalue()


def times(n: int, item: bytes):
    """`item` n times, a megabyte at a time."""
    per_block = max(1, (1 << 20) // len(item))
    while n > 0:
        yield item * min(n, per_block)
        n -= per_block


def styles(*chunks) -> list:
    return [b'<styleSheet xmlns="' + MAIN + b'">', *chunks, b"</styleSheet>"]


def test_a_million_cell_formats_are_refused_before_they_are_parsed():
    """openpyxl built every one of them (24 s, 951 MB); they are counted first, and the count is held."""
    data = with_parts({"xl/styles.xml": styles(b"<cellXfs>", *times(1_000_000, b"<xf/>"), b"</cellXfs>")})
    assert len(data) < 1_000_000
    problem = refused("styles.xlsx", data).problem
    assert problem.code == "too_many_elements" and "xl/styles.xml" in problem.message_en
    assert (
        f"{tabular.MAX_PART_TAGS:,}" in problem.message_en
        and f"{tabular.MAX_PART_TAGS:,}" in problem.message_th
    )
    formats = styles(b"<cellXfs>", *times(tabular.MAX_STYLES + 1, b'<xf numFmtId="14"/>'), b"</cellXfs>")
    problem = refused("formats.xlsx", with_parts({"xl/styles.xml": formats})).problem
    assert (
        problem.code == "too_many_styles"
        and "64,000" in problem.message_en
        and "64,000" in problem.message_th
    )


def test_a_part_past_its_own_size_is_refused_whatever_the_zip_declares():
    padding = styles(b"<!--", *times(tabular.MAX_PART_BYTES, b" "), b"-->")
    honest = with_parts({"xl/styles.xml": padding})
    problem = refused("styles.xlsx", honest).problem
    assert problem.code == "part_too_large" and "xl/styles.xml" in problem.message_en
    assert "8 MB" in problem.message_en and "8 MB" in problem.message_th
    liar = lie_about(honest, "xl/styles.xml", 5_000)  # declares 5 KB: the bytes unzipped are counted
    assert zipfile.ZipFile(io.BytesIO(liar)).getinfo("xl/styles.xml").file_size == 5_000
    problem = refused("liar.xlsx", liar).problem
    assert problem.code in ("part_too_large", "not_xlsx")  # cut off at what it declares, or refused at 8 MB


def test_the_dates_of_a_workbook_come_from_its_own_styles():
    """The styles are read by `tabular` now, only their number formats: a custom date format and a
    built-in one make dates; a number format does not."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["member", "date", "amount", "paid"])
    sheet.append(["000001", 46342, 30, 46342])
    sheet["B2"].number_format = "dd/mm/yyyy"
    sheet["D2"].number_format = "mm-dd-yy"
    sheet["C2"].number_format = "#,##0.00"
    out = io.BytesIO()
    book.save(out)
    assert tabular.xlsx_rows(out.getvalue())[1][1] == [
        "000001",
        datetime.datetime(2026, 11, 16),
        30,
        datetime.datetime(2026, 11, 16),
    ]


def shared(*chunks) -> list:
    return [b'<sst xmlns="' + MAIN + b'">', *chunks, b"</sst>"]


def test_a_million_shared_strings_are_refused_before_they_are_parsed():
    """openpyxl read them all (10 s, 160 MB); they are counted first."""
    data = with_parts({STRINGS: shared(*times(1_000_000, b"<si><t>x</t></si>"))})
    assert len(data) < 1_000_000
    problem = refused("strings.xlsx", data).problem
    assert problem.code == "too_many_strings" and f"{tabular.MAX_SHARED_STRINGS:,}" in problem.message_en
    assert f"{tabular.MAX_SHARED_STRINGS:,}" in problem.message_th


def test_shared_strings_past_their_characters_are_refused():
    text = b"<si><t>" + b"x" * 30_000 + b"</t></si>"
    data = with_parts({STRINGS: shared(*times(tabular.MAX_SHARED_CHARS // 30_000 + 1, text))})
    problem = refused("chars.xlsx", data).problem
    assert problem.code == "too_many_strings" and f"{tabular.MAX_SHARED_CHARS:,}" in problem.message_en


def test_a_shared_string_used_in_the_sheet_is_read_and_one_too_long_for_a_cell_is_refused():
    strings = shared(b"<si><t>000001</t></si><si><r><t>2026-</t></r><r><t>11-16</t></r></si>")
    strings[1] += b"<si><t>" + b"y" * (tabular.MAX_CELL_CHARS + 1) + b"</t></si>"
    row = b'<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2"><v>30</v></c></row>'
    data = with_parts({STRINGS: strings, SHEET: HEAD + row + TAIL})
    assert tabular.xlsx_rows(data)[1] == (2, ["000001", "2026-11-16", 30])
    long = row.replace(b"<v>1</v>", b"<v>2</v>")
    problem = refused("long.xlsx", with_parts({STRINGS: strings, SHEET: HEAD + long + TAIL})).problem
    assert (problem.code, problem.row) == ("cell_too_long", 2)
    assert "B2" in problem.message_en and "1,000" in problem.message_en
    assert "B2" in problem.message_th and "1,000" in problem.message_th


def test_four_million_columns_in_the_sheet_are_refused_without_holding_them():
    """Only rows were dropped while the sheet was parsed: 4M <col/> took 10.6 s and 1.45 GB."""
    sheet = workbook([HEAD.replace(b"<sheetData>", b"<cols>"), *times(4_000_000, b"<col/>"), b"</cols>"])
    assert len(sheet) < 1_000_000
    problem = refused("cols.xlsx", sheet).problem
    assert problem.code == "too_many_elements" and SHEET in problem.message_en


def test_elements_between_rows_are_counted_too():
    junk = b"<brk/>" * 1_000
    rows = (junk + ROW) * 200  # each row with a thousand elements beside it, never in it
    problem = refused("junk.xlsx", workbook([HEAD, rows, TAIL])).problem
    assert problem.code == "too_many_elements" and "100,000" in problem.message_en


def test_a_million_merged_cells_are_refused_after_ten():
    merges = [b"<mergeCells>", *times(1_000_000, b'<mergeCell ref="A1:B1"/>'), b"</mergeCells>"]
    data = workbook([HEAD, ROW, b"</sheetData>", *merges, b"</worksheet>"])
    assert len(data) < 1_000_000
    problem = refused("merged.xlsx", data).problem
    assert problem.code == "merged_cells" and problem.message_en.endswith("A1:B1, …)")


def test_a_cell_of_thirty_million_characters_is_refused_naming_the_cell():
    """It was read whole (212 MB): past 1 MB of bytes without a tag, it is refused as they arrive."""
    cell = b'<row r="2"><c r="A2" t="inlineStr"><is><t>000001</t></is></c><c r="B2" t="inlineStr"><is><t>'
    data = workbook([HEAD, cell, *times(30_000_000, b"9"), b"</t></is></c></row>", TAIL])
    assert len(data) < 1_000_000
    problem = refused("giant.xlsx", data).problem
    assert problem.code == "cell_too_long" and "B2" in problem.message_en and "B2" in problem.message_th
    assert "1,000" in problem.message_en and "1,000" in problem.message_th


def test_a_cell_one_character_past_the_limit_is_refused_naming_it():
    for value in (
        b'<c r="C2"><v>' + b"1" * 1_001 + b"</v></c>",
        b'<c r="C2" t="inlineStr"><is><t>' + b"x" * 1_001 + b"</t></is></c>",
    ):
        problem = refused("long.xlsx", workbook([HEAD, b'<row r="2">' + value + b"</row>", TAIL])).problem
        assert (problem.code, problem.row) == ("cell_too_long", 2) and "C2" in problem.message_en
    at_limit = b'<row r="2"><c r="A2" t="inlineStr"><is><t>' + b"x" * 1_000 + b"</t></is></c></row>"
    assert tabular.xlsx_rows(workbook([HEAD, at_limit, TAIL]))[1][1] == ["x" * 1_000]


def entities_in(encoding: str, declared: bool = True) -> bytes:
    """A sheet in `encoding` whose DTD expands one entity to a million characters."""
    dtd = (
        '<!DOCTYPE worksheet [<!ENTITY a "'
        + "x" * 10
        + '">'
        + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(5))
        + "]>"
    )
    text = (
        (f'<?xml version="1.0" encoding="{encoding}"?>' if declared else "")
        + dtd
        + HEAD.decode()
        + '<row r="2"><c t="inlineStr"><is><t>&f;</t></is></c></row>'
        + TAIL.decode()
    )
    return text.encode(encoding)


@pytest.mark.parametrize(("encoding", "declared"), [("utf-16", True), ("utf-16", False), ("utf-16-le", True)])
def test_a_dtd_in_another_encoding_is_refused_before_it_is_parsed(encoding, declared):
    """The DTD was looked for in the bytes: in UTF-16 they do not show `<!DOCTYPE`, and the entity was
    expanded to a million characters. A part is read as UTF-8 only."""
    sheet = entities_in(encoding, declared)
    assert b"<!DOCTYPE" not in sheet
    problem = refused("utf16.xlsx", workbook([sheet])).problem
    assert problem.code == "not_xlsx" and "UTF-8" in problem.message_en


def test_a_part_that_declares_utf8_is_read():
    sheet = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + HEAD + ROW + TAIL
    assert tabular.xlsx_rows(workbook([sheet]))[1][1] == ["000001", "2026-11-16", 30]


# --- CSV -------------------------------------------------------------------------------------------------


def test_a_csv_of_too_many_rows_is_refused_before_it_is_parsed():
    data = b"member,date,amount\n" + b"000001,2026-11-16,30\n" * tabular.MAX_ROWS
    problem = refused("long.csv", data, seconds=1.0).problem
    assert problem.code == "too_many_rows" and "200,000" in problem.message_en


def test_a_csv_with_a_giant_line_is_refused_naming_the_line_and_the_limit():
    data = b"member,date,amount\n000001,2026-11-16,30\n" + b"," * 5_000_000 + b"\n"
    problem = refused("giant.csv", data, seconds=1.0).problem
    assert (problem.code, problem.row) == ("line_too_long", 3)
    assert "16,384" in problem.message_en and "16,384" in problem.message_th


def test_a_csv_row_of_too_many_fields_is_refused():
    data = csv_bytes([["member", "date", "amount"], ["000001", "2026-11-16", "30", *["x"] * 100]])
    problem = refused("wide.csv", data).problem
    assert (problem.code, problem.row) == ("too_many_columns", 2)


def test_trailing_empty_fields_are_not_columns_in_use():
    data = csv_bytes([["member", "date", "amount", *[""] * 100], ["000001", "2026-11-16", "30", *[""] * 100]])
    assert len(read_payments("trailing.csv", data).rows) == 1


def test_the_limits_leave_room_for_a_network_import():
    """A network imports 100,000 rows at once (the benchmark's file: 27 MB unzipped, 5 columns)."""
    assert tabular.MAX_ROWS >= 2 * 100_000 and tabular.MAX_COLUMNS >= 16
    assert tabular.MAX_UNZIPPED_BYTES >= 3 * 27_000_000
    # a receipt number in each of 200,000 rows, as Excel saves them (shared), and a workbook's own styles
    assert tabular.MAX_SHARED_STRINGS >= 2 * tabular.MAX_ROWS and tabular.MAX_STYLES >= 64_000
    assert tabular.MAX_CELL_CHARS >= 255  # a Thai name and address fit in a cell


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_file_at_the_limits_is_read_and_one_row_more_is_not(monkeypatch, kind):
    monkeypatch.setattr(tabular, "MAX_ROWS", 1_000)
    rows = [["member", "date", "amount"], *[["000001", "2026-11-16", "30"]] * 999]
    write = csv_bytes if kind == "csv" else xlsx_bytes
    assert len(read_payments(f"full.{kind}", write(rows)).rows) == 999
    with pytest.raises(FileRefused) as caught:
        read_payments(f"over.{kind}", write([*rows, rows[-1]]))
    assert caught.value.problem.code == "too_many_rows"


# --- the API answers the same refusal, in its error shape ---------------------------------------------------


@pytest.mark.django_db
def test_the_api_refuses_a_bomb_in_its_error_shape_and_writes_nothing(own, treasurer):
    bomb = workbook(repeated(tabular.MAX_UNZIPPED_BYTES // len(ROW) + 1000))
    before = row_counts()
    started = time.process_time()
    response = import_client(treasurer, "bomb-1").post(
        import_url(own), {"file": SimpleUploadedFile("bomb.xlsx", bomb)}
    )
    assert time.process_time() - started < 2
    assert response.status_code == 400 and row_counts() == before
    body = response.json()
    assert body["errors"][0]["code"] == "file_too_large_uncompressed"
    assert "100 MB" in body["errors"][0]["message_en"] and body["errors"][0]["message_th"]


# --- properties: any file is rows or a refusal, never an error, and within a second ------------------------

QUICK = settings(max_examples=150, deadline=1000, suppress_health_check=[HealthCheck.too_slow])
HEADERS = ["", "member,date,amount\n", "รหัสสมาชิก,วันที่,จำนวนเงิน,ช่องทาง,เลขที่ใบเสร็จ,ประเภท\n"]
CSVISH = st.lists(
    st.sampled_from([*',"\n\r\t 0123456789/-.:eE+ab๑๒\x00\ufeff', "cash", "2569", "1,095.00"]), max_size=200
).map("".join)
CELLS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30).map(lambda t: "".join(c for c in t if c.isprintable())),
    st.dates(datetime.date(1900, 3, 1), datetime.date(2200, 1, 1)),
    st.sampled_from(["000001", "3-1006-00123-45-0", "16/11/2569", "2026-11-16", "1,095.00", "ค่าสมัคร", "โอน"]),
)
SHEET_XML = st.lists(
    st.sampled_from(
        [
            *(
                b"<row>",
                b"</row>",
                b'<row r="7">',
                b"<c>",
                b"</c>",
                b'<c r="B2" t="s">',
                b'<c t="inlineStr">',
            ),
            *(
                b"<is>",
                b"</is>",
                b"<t>",
                b"</t>",
                b"<v>",
                b"</v>",
                b"12",
                b"1e400",
                b"-0",
                b"x",
                b'<c r="ZZZ9">',
            ),
            *(b'<c t="b">', b'<c t="d">', b"2026-11-16", b'<c t="e">', b"<f>", b"</f>", b'<c s="999">'),
            *(b"<mergeCell/>", b"&amp;", b"&bad;"),
        ]
    ),
    max_size=40,
).map(b"".join)


def rows_or_refusal(name: str, data: bytes) -> None:
    try:
        read_payments(name, data)
    except FileRefused as refusal:
        assert refusal.problem.code and refusal.problem.message_th and refusal.problem.message_en


@QUICK
@given(data=st.binary(max_size=3000), name=st.sampled_from(["any.csv", "any.xlsx", "ANY.XLSX", "any"]))
def test_any_bytes_are_rows_or_a_refusal(data, name):
    rows_or_refusal(name, data)


@QUICK
@given(header=st.sampled_from(HEADERS), body=CSVISH)
def test_any_csv_text_is_rows_or_a_refusal(header, body):
    rows_or_refusal("any.csv", (header + body).encode())


@QUICK
@given(rows=st.lists(st.lists(CELLS, max_size=8), max_size=12))
def test_any_workbook_openpyxl_writes_is_rows_or_a_refusal(rows):
    rows_or_refusal(
        "any.xlsx", xlsx_bytes([["member", "date", "amount", "channel", "receipt", "purpose"], *rows])
    )


@QUICK
@given(sheet=SHEET_XML, flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=3))
def test_any_sheet_xml_and_any_damaged_zip_is_rows_or_a_refusal(sheet, flips):
    data = bytearray(workbook([HEAD, sheet, TAIL], level=1))
    for at, byte in flips:
        data[at % len(data)] = byte
    rows_or_refusal("any.xlsx", bytes(data))
