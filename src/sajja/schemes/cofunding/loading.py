"""Reading co-funding policies from YAML or plain data, as schemes are read: safely (no aliases, bounded
size, no floats, no repeated keys: `sajja.schemes.loading.read_yaml`) and with errors naming file,
line and field.

>>> load_policy_text('''
... code: demo
... name_th: ทดลอง
... name_en: Demo
... versions:
...   - from_fy: 2569
...     parties:
...       - {party: members, ratio: 1}
...       - {party: local_government, ratio: -1}
... ''', source="demo.yaml")
Traceback (most recent call last):
...
sajja.schemes.cofunding.errors.PolicyInvalid: demo.yaml:9: versions[0].parties[1].ratio: อัตราส่วนติดลบ: -1 / negative ratio: -1
>>> from sajja.schemes.cofunding.fiscal import FiscalYear
>>> from sajja.schemes.cofunding.parties import Party
>>> national_policy().version_for(FiscalYear(2026)).rule_for(Party.CENTRAL_GOVERNMENT).cap_per_member
36500
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from sajja.schemes.cofunding.errors import PolicyInvalid
from sajja.schemes.cofunding.policy import CofundingPolicy
from sajja.schemes.errors import SchemeError, SchemeInvalid, from_pydantic
from sajja.schemes.loading import TEMPLATES, line_of, read_text, read_yaml, references_last

POLICIES = TEMPLATES / "cofunding"


def load_policy_data(
    data: Mapping[str, Any], source: str = "<data>", root: yaml.Node | None = None
) -> CofundingPolicy:
    """A validated policy from plain data (caps in baht), or `PolicyInvalid` naming each problem."""
    locate = (lambda path: line_of(root, path)) if root is not None else None
    try:
        return CofundingPolicy.model_validate(data)
    except ValidationError as exc:
        raise PolicyInvalid(from_pydantic(exc)).with_source(source, locate) from None
    except SchemeInvalid as exc:  # the meaning checks (`checks`) raise PolicyInvalid
        raise PolicyInvalid(exc.errors).with_source(source, locate) from None


def load_policy_text(text: str, source: str = "<text>") -> CofundingPolicy:
    try:
        data, root = read_yaml(text, source)
    except SchemeInvalid as exc:  # hostile or broken YAML
        raise PolicyInvalid(exc.errors) from None
    return load_policy_data(data, source, root)


def load_policy_file(path: str | Path) -> CofundingPolicy:
    path = Path(path)
    try:
        text = read_text(path)
    except SchemeInvalid as exc:
        raise PolicyInvalid(exc.errors) from None
    return load_policy_text(text, source=path.name)


def policy_names() -> list[str]:
    """The policies shipped with Sajja (`templates/cofunding/*.yaml`)."""
    return sorted(p.stem for p in POLICIES.glob("*.yaml"))


def load_policy(name: str) -> CofundingPolicy:
    """A shipped policy by name (`policy_names()`)."""
    if name not in policy_names():
        raise PolicyInvalid(
            [
                SchemeError(
                    "", "unknown_policy", f"ไม่มีนโยบายสมทบชื่อ '{name}'", f"no co-funding policy named '{name}'"
                )
            ]
        )
    return load_policy_file(POLICIES / f"{name}.yaml")


def national_policy() -> CofundingPolicy:
    """The national 1:1:1 policy: members, local government and central government (CODI) 1 each."""
    return load_policy("national")


def policy_to_data(policy: CofundingPolicy) -> dict[str, Any]:
    """Plain data (caps in baht, fiscal years in the Buddhist era) that `load_policy_data` reads back."""
    data: dict[str, Any] = references_last(policy.model_dump(mode="json", exclude_defaults=True))
    return data


def policy_to_yaml(policy: CofundingPolicy) -> str:
    return yaml.safe_dump(policy_to_data(policy), allow_unicode=True, sort_keys=False)
