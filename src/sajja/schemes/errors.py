"""Errors in a scheme file, as values: where (file, line, path) and why, in Thai and English.

A path reads like the file: `versions[1].benefits[2].tiers[0].amount`.

>>> e = SchemeError("versions[0].benefits[1].amount", "negative_amount", "จำนวนเงินติดลบ", "negative amount",
...                 source="demo.yaml", line=12)
>>> str(e)
'demo.yaml:12: versions[0].benefits[1].amount: จำนวนเงินติดลบ / negative amount'
>>> path_of(("versions", 1, "benefits", 2, "membership_tiered", "tiers", 0, "amount"))
'versions[1].benefits[2].tiers[0].amount'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import cast

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from sajja.core.errors import ValidationFailed
from sajja.schemes.benefits import KINDS


@dataclass(frozen=True)
class SchemeError:
    path: str
    code: str
    message_th: str
    message_en: str
    source: str = ""
    line: int | None = None

    @property
    def where(self) -> str:
        place = f"{self.source}:{self.line}" if self.line else self.source
        return ": ".join(p for p in (place, self.path) if p)

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where else ""
        return f"{where}{self.message_th} / {self.message_en}"


MAX_REPORTED = 50
MORE = "more_errors"
_COUNT = re.compile(r"\d[\d,]*")


class SchemeInvalid(ValidationFailed[SchemeError]):
    """A scheme (or a cases file) was refused; `errors` lists the problems found, the first
    `MAX_REPORTED` of them and then one saying how many more (a file of thousands of mistakes is
    answered in a page, not in megabytes)."""

    code = "scheme_invalid"

    def __init__(self, errors: Iterable[SchemeError]) -> None:
        super().__init__(_capped(list(errors)))
        self.where = self.errors[0].source

    def with_source(self, source: str, locate: Callable[[str], int | None] | None = None) -> SchemeInvalid:
        """The same errors, naming the file (and, given `locate(path) -> line`, the line)."""
        return SchemeInvalid(
            replace(e, source=source, line=locate(e.path) if locate and e.code != MORE else e.line)
            for e in self.errors
        )

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


def _capped(errors: list[SchemeError]) -> list[SchemeError]:
    """The first `MAX_REPORTED` errors, then one counting the others. Errors already capped (an error
    re-raised with its paths or lines changed) keep their count: it is read back from the message."""
    # a MORE error's message always holds its count
    hidden = sum(
        int(cast("re.Match[str]", _COUNT.search(e.message_en))[0].replace(",", ""))
        for e in errors
        if e.code == MORE
    )
    shown = [e for e in errors if e.code != MORE]
    if len(shown) > MAX_REPORTED:
        hidden += len(shown) - MAX_REPORTED
        shown = shown[:MAX_REPORTED]
    if hidden:
        source = shown[0].source if shown else ""
        shown.append(
            SchemeError(
                "",
                MORE,
                f"และยังมีข้อผิดพลาดอีก {hidden:,} รายการ",
                f"and {hidden:,} more error(s)",
                source=source,
            )
        )
    return shown


def path_of(loc: Iterable[str | int]) -> str:
    """A pydantic location as a path, leaving out the benefit-kind tags pydantic inserts."""
    out = ""
    previous: str | int | None = None
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not (isinstance(previous, int) and part in KINDS):
            out += f".{part}" if out else part
        previous = part
    return out


def _texts(error: ErrorDetails) -> tuple[str, str]:
    kind, ctx, loc = error["type"], error.get("ctx") or {}, error["loc"]
    if "th" in ctx and "en" in ctx:
        return ctx["th"], ctx["en"]
    given = error.get("input")
    if kind == "missing":
        return "ต้องระบุ", "required, but missing"
    if kind == "extra_forbidden":
        return f"ไม่รู้จักช่อง '{loc[-1]}'", f"unknown field '{loc[-1]}'"
    if kind == "union_tag_invalid":
        known = ", ".join(KINDS)
        return (
            f"ไม่รู้จักประเภทสวัสดิการ '{ctx.get('tag')}' (ใช้ได้: {known})",
            f"unknown benefit kind '{ctx.get('tag')}' (known: {known})",
        )
    if kind == "union_tag_not_found":
        return "ต้องระบุประเภทสวัสดิการ (kind)", "a benefit needs a 'kind'"
    if kind in ("enum", "literal_error"):
        expected = ctx.get("expected", "")
        return f"'{given}' ไม่อยู่ในรายการที่ใช้ได้: {expected}", f"'{given}' is not one of: {expected}"
    if kind.startswith("int_"):
        return f"ต้องเป็นจำนวนเต็ม (ได้ {given!r})", f"must be a whole number (got {given!r})"
    if kind.startswith("date_"):
        return f"วันที่ไม่ถูกต้อง: {given!r} (เขียนแบบ 2025-01-31)", f"not a date: {given!r} (write 2025-01-31)"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "")
        words = {
            "greater_than_equal": ("ต้องไม่น้อยกว่า", "must be at least"),
            "greater_than": ("ต้องมากกว่า", "must be more than"),
            "less_than_equal": ("ต้องไม่เกิน", "must be at most"),
            "less_than": ("ต้องน้อยกว่า", "must be less than"),
        }[kind]
        return f"{words[0]} {bound} (ได้ {given!r})", f"{words[1]} {bound} (got {given!r})"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "ต้องเป็นชุดข้อมูลแบบ ชื่อ: ค่า", "must be a mapping of names to values"
    if kind in ("list_type", "tuple_type"):
        return "ต้องเป็นรายการ (list)", "must be a list"
    if kind == "string_type":
        return f"ต้องเป็นข้อความ (ได้ {given!r})", f"must be text (got {given!r})"
    if kind == "too_short":
        return "ต้องมีอย่างน้อยหนึ่งรายการ", "must not be empty"
    if kind == "string_pattern_mismatch":
        return (
            f"รหัส '{given}' ต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข หรือ _ ขึ้นต้นด้วยตัวอักษร",
            f"code '{given}' must be lower-case letters, digits or _, starting with a letter",
        )
    if kind.startswith("bool_"):
        return f"ต้องเป็น true หรือ false (ได้ {given!r})", f"must be true or false (got {given!r})"
    return f"ค่าไม่ถูกต้อง: {error['msg']}", error["msg"]


def from_pydantic(exc: ValidationError) -> list[SchemeError]:
    errors = []
    for error in exc.errors(include_url=False):
        path = path_of(error["loc"])
        if error["type"] in ("union_tag_invalid", "union_tag_not_found"):
            path = f"{path}.kind"
        th, en = _texts(error)
        errors.append(SchemeError(path, error["type"], th, en))
    # pydantic counts only the valid items of a list: a list whose items failed is not also "empty"
    return [
        e
        for e in errors
        if not (e.code == "too_short" and any(o.path.startswith(e.path + "[") for o in errors))
    ]
