"""The one way Sajja reads YAML that a user wrote: safely, within limits, refusing what costs more than it says.

Why: PyYAML's safe loader builds no objects, but it still follows aliases, and a 400-byte text of nested
aliases ("billion laughs") stands for billions of nodes, which whoever walks the data then pays for (issue 15
measured 22 s of CPU for one request); a recursive alias makes the data contain itself, and a control
character or a malformed date escapes as an error that is no refusal (a 500). Nothing a user writes for
Sajja (scheme files, cases, scenarios) needs anchors, so they are refused; the size of the text, the
number of nodes and their depth are capped; and every refusal is a `YamlRefused` naming the line, which each
reader turns into its own domain error (`SchemeInvalid`, `SimulationError`).

>>> load("a: [1, 2]")[0]
{'a': [1, 2]}
>>> load("a: &x [1]\\nb: *x")
Traceback (most recent call last):
...
sajja.core.safe_yaml.YamlRefused: line 1: anchors and aliases (&name, *name) are not allowed: write the value out
"""

from __future__ import annotations

import os
import re
from typing import Any, Protocol

import yaml

MAX_CHARS = 200_000  # a scheme template is 8 KB, a committee's cases 12 KB
MAX_NODES = 10_000  # the largest of the templates' case files holds about 1,150 values
MAX_DEPTH = 40
# what YAML itself forbids in a text (PyYAML's Reader), less the line breaks and tab it allows
_CONTROL = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class YamlRefused(Exception):
    """A YAML text that is not read: `code`, the Thai and English reason, and the line (from 1) if known."""

    def __init__(self, code: str, message_th: str, message_en: str, line: int | None = None):
        self.code, self.message_th, self.message_en, self.line = code, message_th, message_en, line
        super().__init__(f"line {line}: {message_en}" if line else message_en)


class _Mark(Protocol):
    """Where a YAML event or node starts: PyYAML's `Mark`, or the one its C parser makes."""

    line: int


def _at(mark: _Mark | None) -> int | None:
    return mark.line + 1 if mark is not None else None


class GuardedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing anchors and aliases as it meets them and counting nodes and depth,
    so that no text stands for more than it holds."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.nodes = self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        # types-PyYAML leaves Parser.peek_event unannotated (it returns a yaml.Event)
        event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise YamlRefused(
                "yaml_alias",
                "ห้ามใช้ anchor และ alias (&ชื่อ, *ชื่อ): เขียนค่าออกมาตรง ๆ",
                "anchors and aliases (&name, *name) are not allowed: write the value out",
                _at(event.start_mark),
            )
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise YamlRefused(
                "yaml_too_large",
                f"YAML มีค่าเกิน {MAX_NODES:,} รายการ",
                f"the YAML holds more than {MAX_NODES:,} values",
                _at(event.start_mark),
            )
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise YamlRefused(
                    "yaml_too_deep",
                    f"YAML ซ้อนกันลึกเกิน {MAX_DEPTH} ชั้น",
                    f"the YAML nests deeper than {MAX_DEPTH} levels",
                    _at(event.start_mark),
                )
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """A value the constructors cannot make (the 30th of February, an integer of 5,000 digits) is a
        refusal naming its line, not a Python error."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError, TypeError) as exc:
            raise YamlRefused(
                "yaml_value",
                f"อ่านค่า {node.value!r:.60} ไม่ได้: {exc}",
                f"cannot read the value {node.value!r:.60}: {exc}",
                _at(node.start_mark),
            ) from None


def load(text: str, loader: type[GuardedLoader] = GuardedLoader) -> tuple[Any, yaml.Node | None]:
    """(data, node tree) of a YAML text of one document (None, None when it is empty), or `YamlRefused`."""
    _check_text(text)
    reader = loader(text)
    try:
        root = reader.get_single_node()
        return (reader.construct_document(root) if root is not None else None), root
    except yaml.MarkedYAMLError as exc:
        problem = exc.problem or str(exc)
        raise YamlRefused(
            "yaml_syntax",
            f"อ่าน YAML ไม่ได้: {problem}",
            f"not valid YAML: {problem}",
            _at(exc.problem_mark or exc.context_mark),
        ) from None
    except yaml.YAMLError as exc:
        raise YamlRefused("yaml_syntax", f"อ่าน YAML ไม่ได้: {exc}", f"not valid YAML: {exc}") from None
    finally:
        reader.dispose()


def _check_text(text: str) -> None:
    """Too long a text, or a control character (which YAML forbids), refused before it is parsed."""
    if len(text) > MAX_CHARS:
        raise _too_long()
    found = _CONTROL.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        code = f"U+{ord(found.group()):04X}"
        raise YamlRefused(
            "yaml_control_character",
            f"บรรทัด {line} มีอักขระควบคุม ({code}) ที่ YAML ไม่อนุญาต: ลบออก",
            f"line {line} holds a control character ({code}), which YAML does not allow: remove it",
            line,
        )


def _too_long() -> YamlRefused:
    return YamlRefused(
        "yaml_too_large",
        f"ไฟล์ YAML ยาวเกิน {MAX_CHARS:,} ตัวอักษร",
        f"the YAML text is longer than {MAX_CHARS:,} characters",
    )


def read_file(path: str | os.PathLike[str]) -> str:
    """A YAML file's text: UTF-8 and at most `MAX_CHARS` (checked on its size before it is read)."""
    from pathlib import Path

    path = Path(path)
    if path.stat().st_size > 4 * MAX_CHARS:  # a character is at most 4 bytes in UTF-8
        raise _too_long()
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlRefused(
            "yaml_encoding",
            "ไฟล์ไม่ใช่ UTF-8: บันทึกใหม่เป็น UTF-8",
            f"the file is not UTF-8 (byte {exc.start}): save it as UTF-8",
        ) from None
