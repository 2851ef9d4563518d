"""PromptPay payloads against vectors published by other PromptPay libraries."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from sajja.core.promptpay import PromptPayError, check_payload, crc16, promptpay_payload, receiver

# Source: the JavaScript package promptpay-qr (github.com/dtinth/promptpay-qr), file index.test.js,
# its jest cases "Local phone number", "Dashed local phone number", "Dashed phone number",
# "National ID number", "Dashed national ID number", "Tax ID number" and "Amount" (amount 4.22 baht).
PUBLISHED = [
    ("0801234567", None, "00020101021129370016A000000677010111011300668012345675802TH530376463046197"),
    ("080-123-4567", None, "00020101021129370016A000000677010111011300668012345675802TH530376463046197"),
    ("+66-89-123-4567", None, "00020101021129370016A000000677010111011300668912345675802TH5303764630429C1"),
    ("1111111111111", None, "00020101021129370016A000000677010111021311111111111115802TH530376463047B5A"),
    ("1-1111-11111-11-1", None, "00020101021129370016A000000677010111021311111111111115802TH530376463047B5A"),
    ("0123456789012", None, "00020101021129370016A000000677010111021301234567890125802TH530376463040CBD"),
    (
        "000-000-0000",
        422,
        "00020101021229370016A000000677010111011300660000000005802TH530376454044.226304E469",
    ),
]


@pytest.mark.parametrize(("promptpay_id", "satang", "expected"), PUBLISHED)
def test_payload_matches_the_published_vectors(promptpay_id, satang, expected):
    """Vectors from promptpay-qr's index.test.js (dtinth/promptpay-qr on GitHub)."""
    assert promptpay_payload(promptpay_id, satang) == expected
    assert check_payload(expected)


def test_crc_is_ccitt_false():
    """The standard check value of CRC-16/CCITT-FALSE for "123456789" is 0x29B1 (the CRC catalogue)."""
    assert crc16("123456789") == "29B1"


def test_ewallet_and_thai_digits():
    """A 15-digit e-wallet ID goes in sub-tag 03; Thai digits are read as digits."""
    payload = promptpay_payload("004999000288505", 3000)
    assert payload.startswith("000201010212" + "2939" + "0016A000000677010111" + "0315004999000288505")
    assert "5802TH5303764540530.006304" in payload and check_payload(payload)
    assert promptpay_payload("๐๘๐๑๒๓๔๕๖๗") == PUBLISHED[0][2]
    assert receiver("004999000288505").kind == "ewallet"


@pytest.mark.parametrize("bad", ["", "abc", "12345", "08012345678901", "081-234-567x"])
def test_bad_ids_are_refused_in_thai_and_english(bad):
    with pytest.raises(PromptPayError) as caught:
        promptpay_payload(bad)
    assert "พร้อมเพย์" in caught.value.message_th and "PromptPay" in caught.value.message_en


@pytest.mark.parametrize("bad", [0, -100, True])
def test_bad_amounts_are_refused(bad):
    with pytest.raises(PromptPayError, match=r"the amount must be (more than zero|whole satang: True)$"):
        promptpay_payload("0801234567", bad)


def test_cli_prints_the_payload_and_writes_the_qr(tmp_path):
    out = io.StringIO()
    png, svg = tmp_path / "qr.png", tmp_path / "qr.svg"
    call_command(
        "promptpay", "000-000-0000", "--amount", "4.22", "--png", str(png), "--svg", str(svg), stdout=out
    )
    assert out.getvalue().strip() == PUBLISHED[-1][2]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in svg.read_text()
    with pytest.raises(CommandError, match="PromptPay"):
        call_command("promptpay", "12345", stdout=io.StringIO())
    with pytest.raises(CommandError, match="amount"):
        call_command("promptpay", "0801234567", "--amount", "1.234", stdout=io.StringIO())


def test_cli_warns_of_a_mistyped_13_digit_id_and_refuses_a_file_it_cannot_write(tmp_path):
    """The published vectors use IDs like 1111111111111, so the payload is still printed; a citizen or
    tax ID whose check digit is wrong is pointed out, since no one could be paid through it."""
    out, err = io.StringIO(), io.StringIO()
    call_command("promptpay", "1111111111111", stdout=out, stderr=err)
    assert out.getvalue().strip() == PUBLISHED[3][2] and "check digit" in err.getvalue()
    err = io.StringIO()
    call_command("promptpay", "1101400000006", stdout=io.StringIO(), stderr=err)
    assert err.getvalue() == ""
    with pytest.raises(CommandError, match="cannot write"):
        call_command(
            "promptpay", "0801234567", "--png", str(tmp_path / "no" / "qr.png"), stdout=io.StringIO()
        )
