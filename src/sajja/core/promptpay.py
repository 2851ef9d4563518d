"""PromptPay QR payloads (Thai QR Code Payment, EMVCo merchant-presented layout). Pure, no Django.

A payload is a run of tag-length-value fields, in the order the Thai banks' published examples use:
payload format (00), point of initiation (01: 11 static, 12 with a fixed amount), the PromptPay
credit-transfer account (29: its application id, then the receiver), country (58), currency (53,
764 = baht), amount (54, only when fixed), and the checksum (63): CRC-16/CCITT-FALSE (polynomial
0x1021, initial value 0xFFFF) over everything before it, "6304" included, as four upper-case hex
digits. The stdlib's binascii.crc_hqx is that CRC.

>>> promptpay_payload("080-123-4567")
'00020101021129370016A000000677010111011300668012345675802TH530376463046197'
>>> receiver("1-1111-11111-11-1")
Receiver(kind='national_id', tag='02', value='1111111111111')
"""

from __future__ import annotations

import binascii
import re
from typing import NamedTuple

PROMPTPAY_AID = "A000000677010111"  # PromptPay credit transfer, merchant-presented
COUNTRY = "TH"
CURRENCY_BAHT = "764"
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_ALLOWED = re.compile(r"^[+\d\s\-]+$")


class PromptPayError(ValueError):
    """A PromptPay ID or amount that cannot be put in a payload; the message is Thai / English."""

    def __init__(self, message_th: str, message_en: str):
        self.message_th = message_th
        self.message_en = message_en
        super().__init__(f"{message_th} / {message_en}")


class Receiver(NamedTuple):
    kind: str  # phone, national_id (citizen or tax ID: both 13 digits), ewallet
    tag: str  # the sub-tag of field 29 that carries it
    value: str  # as it goes in the payload


def receiver(promptpay_id: str) -> Receiver:
    """What kind of PromptPay ID this is, and how it is written in the payload.

    A phone number (0 and nine digits, e.g. 0812345678, or +66 81 234 5678) becomes 13 digits: 0066 and the number without its
    leading 0. A citizen or tax ID is its 13 digits; an e-wallet ID its 15. Spaces, dashes and Thai
    digits are accepted.

    >>> receiver("+66-89-123-4567").value, receiver("๐๘๐๑๒๓๔๕๖๗").value
    ('0066891234567', '0066801234567')
    """
    text = str(promptpay_id).translate(_THAI_DIGITS).strip()
    digits = re.sub(r"\D", "", text)
    if not text or not _ALLOWED.match(text) or not digits:
        raise PromptPayError(
            f"พร้อมเพย์ไอดีต้องเป็นตัวเลข: {promptpay_id!r}", f"a PromptPay ID is made of digits: {promptpay_id!r}"
        )
    if len(digits) == 15:
        return Receiver("ewallet", "03", digits)
    if len(digits) == 13:
        return Receiver("national_id", "02", digits)
    if len(digits) == 10 and digits.startswith("0"):
        return Receiver("phone", "01", "0066" + digits[1:])
    if len(digits) == 11 and digits.startswith("66"):
        return Receiver("phone", "01", "00" + digits)
    raise PromptPayError(
        f"พร้อมเพย์ไอดีไม่ถูกต้อง ({promptpay_id}): ใช้เบอร์โทรศัพท์ 10 หลัก เลขประจำตัวประชาชน/ผู้เสียภาษี 13 หลัก"
        " หรือ e-Wallet ID 15 หลัก",
        f"invalid PromptPay ID ({promptpay_id}): use a 10-digit phone number, a 13-digit citizen or tax ID,"
        " or a 15-digit e-wallet ID",
    )


def field(tag: str, value: str) -> str:
    """One tag-length-value field: field('58', 'TH') -> '5802TH'."""
    if len(value) > 99:
        raise PromptPayError(f"ข้อมูลช่อง {tag} ยาวเกินไป", f"field {tag} is too long")
    return f"{tag}{len(value):02d}{value}"


def crc16(text: str) -> str:
    """CRC-16/CCITT-FALSE of the text, as four upper-case hex digits.

    >>> crc16("123456789")
    '29B1'
    """
    return f"{binascii.crc_hqx(text.encode('ascii'), 0xFFFF):04X}"


def format_amount(satang: int) -> str:
    """Satang as the payload writes baht: 422 -> '4.22', 3000 -> '30.00'."""
    if isinstance(satang, bool) or not isinstance(satang, int):
        raise PromptPayError(
            f"จำนวนเงินต้องเป็นสตางค์เต็มหน่วย: {satang!r}", f"the amount must be whole satang: {satang!r}"
        )
    if satang <= 0:
        raise PromptPayError("จำนวนเงินต้องมากกว่าศูนย์", "the amount must be more than zero")
    text = f"{satang // 100}.{satang % 100:02d}"
    if len(text) > 13:
        raise PromptPayError("จำนวนเงินมากเกินไป", "the amount is too large")
    return text


def promptpay_payload(promptpay_id: str, amount_satang: int | None = None) -> str:
    """The payload to show as a QR code: pay `promptpay_id`, any amount or exactly `amount_satang`."""
    who = receiver(promptpay_id)
    account = field("00", PROMPTPAY_AID) + field(who.tag, who.value)
    parts = [
        field("00", "01"),
        field("01", "11" if amount_satang is None else "12"),
        field("29", account),
        field("58", COUNTRY),
        field("53", CURRENCY_BAHT),
    ]
    if amount_satang is not None:
        parts.append(field("54", format_amount(amount_satang)))
    body = "".join(parts) + "6304"
    return body + crc16(body)


def check_payload(payload: str) -> bool:
    """Whether the payload's last four characters are the CRC of everything before them."""
    return len(payload) > 8 and payload[-8:-4] == "6304" and crc16(payload[:-4]) == payload[-4:]
