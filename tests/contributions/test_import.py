"""Importing payment files: a good CSV and XLSX post whole; one bad row refuses the whole file."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import CommandError, call_command

from sajja.contributions.imports import ImportHeld, ImportRefused, import_payments
from sajja.contributions.models import Receipt
from sajja.ledger.models import Account, Line
from tests.contributions.factories import GOOD, TODAY, csv_bytes, row_counts, xlsx_bytes
from tests.factories import enrol


@pytest.fixture
def members(own, own_member):
    second = enrol(own, "3100600123450", first_name="บุญมี", sex="M")
    return own_member, second


def test_a_good_csv_posts_every_row_with_receipts(own, members, treasurer):
    result = import_payments(treasurer, own, "november.csv", csv_bytes(GOOD), today=TODAY)
    assert result.created == 3
    assert [(r.member.number, r.amount, r.channel, r.paid_on) for r in result.receipts] == [
        ("000001", 3000, "cash", datetime.date(2026, 11, 16)),
        ("000002", 109500, "promptpay", datetime.date(2026, 11, 16)),
        ("000002", 36500, "cash", datetime.date(2026, 11, 17)),
    ]
    assert [r.number for r in result.receipts] == [1, 2, 3]
    assert Account.objects.get(fund=own, code="4101").balance == -(3000 + 109500 + 36500)


def test_a_file_imported_twice_posts_nothing_the_second_time(own, members, treasurer):
    data = csv_bytes(GOOD)
    import_payments(treasurer, own, "november.csv", data, today=TODAY)
    before = row_counts()
    again = import_payments(treasurer, own, "november.csv", data, today=TODAY)
    assert again.created == 0 and len(again.receipts) == 3 and row_counts() == before


def test_two_identical_rows_are_two_payments(own, members, treasurer):
    """Once the treasurer confirms it: until then the second is held as a possible duplicate of the first."""
    rows = [GOOD[0], GOOD[1][:3] + ["", ""], GOOD[1][:3] + ["", ""]]
    before = row_counts()
    with pytest.raises(ImportHeld) as held:
        import_payments(treasurer, own, "twice.csv", csv_bytes(rows), today=TODAY)
    assert [(r.row, r.code) for r in held.value.report] == [(3, "possible_duplicate")]
    assert "row 2" in held.value.report[0].message_en and row_counts() == before
    result = import_payments(treasurer, own, "twice.csv", csv_bytes(rows), today=TODAY, duplicates="confirm")
    assert result.created == 2


def test_thai_headers_buddhist_era_dates_and_thai_digits(own, members, treasurer):
    rows = [
        ["รหัสสมาชิก", "วันที่", "จำนวนเงิน", "ช่องทาง", "เลขที่ใบเสร็จ"],
        ["๐๐๐๐๐๑", "๑๖/๑๑/๒๕๖๙", "๑,๐๙๕", "เงินสด", "๑๒"],
        ["000002", "27/01/2569", "30.00", "โอนเงิน", ""],
    ]
    result = import_payments(treasurer, own, "พฤศจิกายน.csv", csv_bytes(rows), today=TODAY)
    assert [(r.member.number, r.paid_on, r.amount, r.channel, r.book_number) for r in result.receipts] == [
        ("000001", datetime.date(2026, 11, 16), 109500, "cash", "12"),
        ("000002", datetime.date(2026, 1, 27), 3000, "bank_transfer", ""),
    ]


def test_a_good_xlsx_posts_with_date_cells_and_numbers(own, members, treasurer):
    rows = [
        ["เลขประจำตัวประชาชน", "วันที่", "จำนวนเงิน"],
        ["1101400000006", datetime.date(2026, 11, 16), 30],
        ["000002", "2026-11-16", 60.0],
    ]
    result = import_payments(treasurer, own, "nov.xlsx", xlsx_bytes(rows), today=TODAY)
    assert [(r.member.number, r.amount) for r in result.receipts] == [("000001", 3000), ("000002", 6000)]


def _refused(treasurer, own, name, data):
    before = row_counts()
    with pytest.raises(ImportRefused) as caught:
        import_payments(treasurer, own, name, data, today=TODAY)
    assert row_counts() == before
    return caught.value.report


def test_one_bad_row_refuses_the_whole_file_naming_that_row(own, members, treasurer):
    rows = [*GOOD, ["000001", "2026-11-18", "30.5", "cash", ""]]
    report = _refused(treasurer, own, "november.csv", csv_bytes(rows))
    assert [(r.file, r.row, r.column, r.value, r.code) for r in report] == [
        ("november.csv", 5, "amount", "30.50", "not_whole_days")  # in baht, as written
    ]
    assert report[0].message_th and report[0].message_en
    assert Receipt.objects.count() == 0


def test_every_bad_row_is_listed(own, members, treasurer):
    rows = [
        ["member", "date", "amount", "channel", "receipt"],
        ["000099", "2026-11-16", "30", "", ""],
        ["000001", "27/01/69", "30", "", ""],
        ["000001", "2026-11-16", "abc", "cheque", ""],
        ["1101400000007", "2026-11-16", "30", "", ""],
        ["000001", "2026-11-16", "30", "", "A-1"],
        ["000002", "2026-11-16", "30", "", "A-1"],
        ["000002", "2026-12-16", "30", "", ""],
    ]
    report = _refused(treasurer, own, "bad.csv", csv_bytes(rows))
    assert [(r.row, r.column, r.code) for r in report] == [
        (2, "member", "unknown_member"),
        (3, "date", "ambiguous_year"),
        (4, "amount", "invalid_amount"),
        (4, "channel", "unknown_channel"),
        (5, "member", "invalid_national_id"),
        (7, "receipt", "duplicate_receipt"),
        (8, "date", "date_in_future"),
    ]


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.csv", b"", "empty_file"),
        ("blank.csv", b"\n\n", "empty_file"),
        ("tis620.csv", "รหัสสมาชิก,วันที่,จำนวนเงิน\n000001,2026-11-16,30\n".encode("cp874"), "wrong_encoding"),
        ("noheader.csv", b"000001,2026-11-16,30\n", "no_header"),
        ("unknown.csv", b"member,date,amount,note\n000001,2026-11-16,30,x\n", "unknown_header"),
        ("missing.csv", b"member,date\n000001,2026-11-16\n", "missing_header"),
        ("header-only.csv", b"member,date,amount\n", "no_rows"),
        ("fake.xlsx", b"member,date,amount\n", "not_xlsx"),
    ],
)
def test_files_that_cannot_be_read_are_refused_clearly(own, members, treasurer, name, data, code):
    report = _refused(treasurer, own, name, data)
    assert [r.code for r in report] == [code] and report[0].file == name


def test_formulas_and_merged_cells_in_xlsx_are_refused(own, members, treasurer):
    formula = [["member", "date", "amount"], ["000001", "2026-11-16", "=10*3"]]
    report = _refused(treasurer, own, "f.xlsx", xlsx_bytes(formula))
    assert (report[0].code, report[0].row, report[0].value) == ("formula", 2, "=10*3")
    merged = [["member", "date", "amount"], ["000001", "2026-11-16", 30], ["", "", ""]]
    assert _refused(treasurer, own, "m.xlsx", xlsx_bytes(merged, "A2:A3"))[0].code == "merged_cells"


def test_the_cli_imports_and_reports(own, members, tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes(GOOD[:2]))
    call_command("import", "payments", "--fund", own.code, str(good))
    assert "1 new receipts" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([GOOD[0], ["000099", "2026-11-16", "30", "", ""]]))
    with pytest.raises(CommandError, match="1 bad row$"):
        call_command("import", "payments", "--fund", own.code, str(bad))
    assert "row 2" in capsys.readouterr().err


def test_a_large_file_gets_its_receipts_in_file_order(own, members, treasurer):
    """A file of thousands of rows is posted in one write (its receipts written with the entries): every
    row gets its receipt, numbered in the file's order without a gap, on the entry of its own payment;
    sent again, it posts nothing."""
    rows = [["member", "date", "amount"]] + [
        [
            f"00000{1 + i % 2}",
            (datetime.date(2026, 10, 1) + datetime.timedelta(days=i % 40)).isoformat(),
            str(1 + i % 7),
        ]
        for i in range(2500)
    ]
    data = csv_bytes(rows)  # its rows repeat: confirmed as payments each
    result = import_payments(treasurer, own, "big.csv", data, today=TODAY, duplicates="confirm")
    assert (result.created, result.count) == (2500, 2500)
    receipts = result.receipts
    assert [r.number for r in receipts] == list(range(1, 2501))
    assert [(r.member.number, r.paid_on.isoformat(), r.amount) for r in receipts] == [
        (m, d, int(a) * 100) for m, d, a in rows[1:]
    ]
    debits = dict(Line.objects.filter(entry__fund=own, amount__gt=0).values_list("entry_id", "amount"))
    assert [debits[r.entry_id] for r in receipts] == [r.amount for r in receipts]
    assert Account.objects.get(fund=own, code="4101").credit_total == sum(r.amount for r in receipts)
    before = row_counts()
    assert import_payments(treasurer, own, "big.csv", data, today=TODAY).created == 0
    assert row_counts() == before
