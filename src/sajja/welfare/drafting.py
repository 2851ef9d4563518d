"""Drafting a new version of a fund's rules: the current version as editable YAML, and the differences
between two versions figure by figure, for the committee to read side by side before publishing.

Benefits are matched by their code, not their place in the list, so moving a benefit is not a change
and a new or dropped benefit shows as one.

>>> old = {"waiting_days": 180, "benefits": [{"code": "hospital", "rate": 100, "kind": "per_night"}]}
>>> new = {"waiting_days": 90, "benefits": [{"code": "hospital", "rate": 150, "kind": "per_night"},
...                                          {"code": "flood", "amount": 500, "kind": "lump_sum"}]}
>>> [(r.path, r.before, r.after) for r in differences(old, new)]
[('waiting_days', '180', '90'), ('benefits.hospital.rate', '100', '150'), ('benefits.flood', '—', 'lump_sum: amount 500')]
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from sajja.schemes import load_scheme_data, scheme_to_data

ABSENT = "—"


@dataclass(frozen=True)
class Difference:
    path: str
    before: str
    after: str


_FIRST = ("code", "kind", "event", "category", "name_th", "name_en")


def canonical(definition: dict) -> dict:
    """The version in the order a scheme file writes it (a database may keep its keys in any order)."""
    scheme = load_scheme_data({"code": "draft", "name_th": "-", "name_en": "-", "versions": [definition]})
    return scheme_to_data(scheme)["versions"][0]


def version_yaml(definition: dict) -> str:
    """One version as YAML for the committee to edit, without its date (the form asks for it); each
    benefit starts with what it is (code, kind, event, names), then its figures."""
    body = {k: v for k, v in canonical(definition).items() if k != "effective_from"}
    if isinstance(body.get("benefits"), list):
        body["benefits"] = [
            {**{k: b[k] for k in _FIRST if k in b}, **{k: v for k, v in b.items() if k not in _FIRST}}
            for b in body["benefits"]
        ]
    return yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=100)


def _text(value) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k} {_text(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value)
    return str(value)


def _summary(benefit: dict) -> str:
    figures = {
        k: v for k, v in benefit.items() if k not in ("code", "kind", "name_th", "name_en", "reference")
    }
    return f"{benefit.get('kind', '?')}: {_text(figures)}" if figures else str(benefit.get("kind", "?"))


def flatten(data, prefix: str = "") -> dict[str, object]:
    """path -> value of every figure; benefits keyed by code (`benefits.hospital.rate`)."""
    out: dict[str, object] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            here = f"{prefix}.{key}" if prefix else str(key)
            if key == "benefits" and isinstance(value, list):
                for benefit in value:
                    code = benefit.get("code", "?") if isinstance(benefit, dict) else "?"
                    out[f"{here}.{code}"] = benefit
            else:
                out.update(flatten(value, here))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out.update(flatten(value, f"{prefix}[{i}]"))
    else:
        out[prefix] = data
    return out


def differences(before: dict, after: dict) -> list[Difference]:
    """Every figure that differs, in the order of the draft (then what the draft dropped)."""
    old, new = flatten(before), flatten(after)
    rows: list[Difference] = []
    for path in [*new, *(p for p in old if p not in new)]:
        a, b = old.get(path, ABSENT), new.get(path, ABSENT)
        if a == b:
            continue
        if isinstance(a, dict) and isinstance(b, dict):  # a benefit in both: compare its figures
            rows += [Difference(f"{path}.{d.path}", d.before, d.after) for d in differences(a, b)]
            continue
        rows.append(Difference(path, _shown(a), _shown(b)))
    return rows


def _shown(value):
    """A value as the side-by-side view shows it: a benefit summarised, a missing one marked."""
    if isinstance(value, dict):
        return _summary(value)
    return ABSENT if value is ABSENT else _text(value)
