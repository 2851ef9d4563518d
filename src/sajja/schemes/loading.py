"""Reading schemes from YAML or from plain data, with errors that name the file, line and path.

YAML is read safely and without floats: `12.50` stays the text "12.50", so an amount is exact.

>>> load_scheme_text('''
... code: demo
... name_th: ทดลอง
... name_en: Demo
... versions:
...   - effective_from: 2025-01-01
...     benefits:
...       - {code: flood, kind: lump_sum, event: disaster, name_th: น้ำท่วม, name_en: Flood, amount: -5}
... ''', source="demo.yaml")
Traceback (most recent call last):
...
sajja.schemes.errors.SchemeInvalid: demo.yaml:8: versions[0].benefits[0].amount: จำนวนเงินติดลบ: -5 / negative amount: -5
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from sajja.core.safe_yaml import GuardedLoader, YamlRefused, load, read_file
from sajja.schemes.errors import SchemeError, SchemeInvalid, from_pydantic
from sajja.schemes.versions import Scheme

TEMPLATES = Path(__file__).parent / "templates"
_FLOAT = "tag:yaml.org,2002:float"
_DESCRIBING = ("reference", "note", "references")
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


class ExactLoader(GuardedLoader):
    """The guarded safe loader (no aliases, bounded size: `sajja.core.safe_yaml`) that reads numbers with
    a decimal point as text (never as floats)."""


ExactLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _FLOAT]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _parts(path: str) -> list[str | int]:
    return [int(index) if index else name for name, index in _PART.findall(path)]


def _child(node: yaml.Node | None, part: str | int) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        return next(((k, v) for k, v in node.value if k.value == part), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        item = node.value[part]
        return item, item
    return None


def line_of(root: yaml.Node | None, path: str) -> int | None:
    """The line where `path` is written in the YAML tree, or where its nearest parent is."""
    node, line = root, (root.start_mark.line + 1 if root is not None else None)
    for part in _parts(path):
        found = _child(node, part)
        if found is None:
            break
        key, node = found
        line = key.start_mark.line + 1
    return line


def _duplicate_keys(node: yaml.Node | None, path: str = "") -> list[SchemeError]:
    errors: list[SchemeError] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            here = f"{path}.{key.value}" if path else str(key.value)
            if key.value in seen:
                errors.append(
                    SchemeError(
                        here,
                        "duplicate_key",
                        f"ช่อง '{key.value}' ซ้ำ",
                        f"'{key.value}' is given twice",
                        line=key.start_mark.line + 1,
                    )
                )
            seen.add(key.value)
            errors += _duplicate_keys(value, here)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            errors += _duplicate_keys(item, f"{path}[{i}]")
    return errors


def read_yaml(text: str, source: str = "<text>") -> tuple[Any, yaml.Node | None]:
    """(data, node tree) of a YAML text; a syntax error, an alias, a control character, a text past the
    limits of `sajja.core.safe_yaml` or a repeated key is a `SchemeInvalid` naming the line."""
    try:
        data, root = load(text, ExactLoader)
    except YamlRefused as exc:
        raise SchemeInvalid(
            [SchemeError("", exc.code, exc.message_th, exc.message_en, source=source, line=exc.line)]
        ) from None
    duplicates = _duplicate_keys(root)
    if duplicates:
        raise SchemeInvalid(duplicates).with_source(source)
    return data, root


def read_text(path: str | Path) -> str:
    """A scheme or cases file's text (UTF-8, within the size `read_yaml` takes), or `SchemeInvalid`."""
    path = Path(path)
    try:
        return read_file(path)
    except YamlRefused as exc:
        problem = (exc.code, exc.message_th, exc.message_en)
    except OSError as exc:
        problem = ("unreadable_file", f"อ่านไฟล์ไม่ได้: {exc.strerror}", f"cannot read the file: {exc.strerror}")
    raise SchemeInvalid([SchemeError("", *problem, source=path.name)])


def load_scheme_data(
    data: Mapping[str, Any], source: str = "<data>", root: yaml.Node | None = None
) -> Scheme:
    """A validated scheme from plain data (amounts in baht), or `SchemeInvalid` naming each problem."""
    locate = (lambda path: line_of(root, path)) if root is not None else None
    try:
        return Scheme.model_validate(data)
    except ValidationError as exc:
        raise SchemeInvalid(from_pydantic(exc)).with_source(source, locate) from None
    except SchemeInvalid as exc:
        raise exc.with_source(source, locate) from None


def load_scheme_text(text: str, source: str = "<text>") -> Scheme:
    data, root = read_yaml(text, source)
    return load_scheme_data(data, source, root)


def load_scheme_file(path: str | Path) -> Scheme:
    path = Path(path)
    return load_scheme_text(read_text(path), source=path.name)


def template_names() -> list[str]:
    return sorted(p.stem for p in TEMPLATES.glob("*.yaml") if not p.stem.endswith("_cases"))


def template_path(name: str) -> Path:
    if name not in template_names():
        raise SchemeInvalid(
            [SchemeError("", "unknown_template", f"ไม่มีแม่แบบชื่อ '{name}'", f"no template named '{name}'")]
        )
    return TEMPLATES / f"{name}.yaml"


def load_template(name: str) -> Scheme:
    """A built-in template (`template_names()`), for a fund to copy and edit."""
    return load_scheme_file(template_path(name))


def references_last(data: Any) -> Any:
    """The same data with each mapping's describing keys (sources, notes) moved to its end, as a reader
    of the written file expects them."""
    if isinstance(data, dict):
        head = {k: references_last(v) for k, v in data.items() if k not in _DESCRIBING}
        return head | {k: data[k] for k in _DESCRIBING if k in data}
    if isinstance(data, list):
        return [references_last(x) for x in data]
    return data


def scheme_to_data(scheme: Scheme) -> dict[str, Any]:
    """Plain data (amounts in baht, durations in words) that `load_scheme_data` reads back."""
    data: dict[str, Any] = references_last(
        scheme.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    )
    return data


def scheme_to_yaml(scheme: Scheme) -> str:
    return yaml.safe_dump(scheme_to_data(scheme), allow_unicode=True, sort_keys=False)
