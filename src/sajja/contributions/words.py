"""Amounts in Thai words for receipts, with PyThaiNLP's bahttext.

bahttext reads a float; money here is integer satang, so the baht are read as a whole number and
the satang on their own: no float ever holds an amount, and an amount under one baht reads as its
satang alone, as a receipt writes it ("ห้าสิบสตางค์", not "ศูนย์บาทห้าสิบสตางค์").

>>> thai_words(3000), thai_words(36550), thai_words(50), thai_words(0)
('สามสิบบาทถ้วน', 'สามร้อยหกสิบห้าบาทห้าสิบสตางค์', 'ห้าสิบสตางค์', 'ศูนย์บาทถ้วน')
"""

from __future__ import annotations

from pythainlp.util import bahttext


def thai_words(satang: int) -> str:
    if isinstance(satang, bool) or not isinstance(satang, int) or satang < 0:
        raise ValueError(f"an amount in whole satang, not negative: {satang!r}")
    baht, rest = divmod(satang, 100)
    if rest == 0:
        return bahttext(baht)
    satang_words = bahttext(rest).removesuffix("บาทถ้วน") + "สตางค์"
    if baht == 0:
        return satang_words
    return bahttext(baht).removesuffix("ถ้วน") + satang_words
