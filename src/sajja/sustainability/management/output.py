"""What the projection commands (`sajja simulate`, `sajja sweep`) share: a refusal in Thai and English,
the day asked for, and an output file written whole or not at all."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from django.core.management.base import CommandError

from sajja.core import thai_dates


def as_of_day(text: str) -> datetime.date:
    """--as-of: YYYY-MM-DD with a common-era or Buddhist-era year, or a clean refusal."""
    try:
        return thai_dates.parse_day(text)
    except ValueError as wrong:
        raise CommandError(str(wrong)) from None


def refuse(th: str, en: str) -> CommandError:
    return CommandError(f"{th}\n{en}")


def write_whole(path: Path, text: str) -> None:
    """Write `text` to `path` in one step: a temporary file beside it, then renamed."""
    part = path.with_name(f".{path.name}.part")
    part.write_text(text, encoding="utf-8")
    os.replace(part, path)


def check_output(path: str | None) -> Path | None:
    if path is None:
        return None
    out = Path(path)
    if not out.parent.is_dir():
        raise refuse(f"ไม่มีโฟลเดอร์ {out.parent} สำหรับไฟล์ผลลัพธ์", f"no folder {out.parent} for the output {out}")
    return out
