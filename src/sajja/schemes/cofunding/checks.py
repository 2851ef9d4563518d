"""Checks of a co-funding policy's meaning, after its shape is valid: small functions returning errors.

Each takes the policy and returns a list of `SchemeError` naming the field; `check_policy` runs them
all (the shape itself, a negative ratio or cap, an unknown party, is refused by the model first).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sajja.schemes.cofunding.parties import Party
from sajja.schemes.errors import SchemeError

if TYPE_CHECKING:
    from sajja.schemes.cofunding.policy import CofundingPolicy


def check_members_party(policy: CofundingPolicy) -> list[SchemeError]:
    """Every version names the members, at ratio 1 and without a cap: theirs is what the others match."""
    errors = []
    for i, version in enumerate(policy.versions):
        members = [(j, p) for j, p in enumerate(version.parties) if p.party == Party.MEMBERS]
        if not members:
            errors.append(
                SchemeError(
                    f"versions[{i}].parties",
                    "members_missing",
                    "ต้องมีฝ่ายสมาชิก (party: members) ซึ่งเป็นฐานของการสมทบ",
                    "the members' party (party: members) is missing: it is what the others match",
                )
            )
        for j, rule in members:
            if rule.ratio != 1:
                errors.append(
                    SchemeError(
                        f"versions[{i}].parties[{j}].ratio",
                        "members_ratio",
                        f"อัตราส่วนของสมาชิกต้องเป็น 1 (ได้ {rule.ratio})",
                        f"the members' ratio must be 1 (got {rule.ratio})",
                    )
                )
            if rule.cap_per_member is not None:
                errors.append(
                    SchemeError(
                        f"versions[{i}].parties[{j}].cap_per_member",
                        "members_cap",
                        "ฝ่ายสมาชิกไม่มีเพดาน: เพดานกำหนดให้ฝ่ายที่สมทบ",
                        "the members' party has no cap: caps belong to the parties that match",
                    )
                )
    return errors


def check_duplicate_parties(policy: CofundingPolicy) -> list[SchemeError]:
    errors = []
    for i, version in enumerate(policy.versions):
        seen: dict[Party, int] = {}
        for j, rule in enumerate(version.parties):
            if rule.party in seen:
                errors.append(
                    SchemeError(
                        f"versions[{i}].parties[{j}].party",
                        "duplicate_party",
                        f"ฝ่าย '{rule.party}' ซ้ำกับ parties[{seen[rule.party]}]",
                        f"party '{rule.party}' repeats parties[{seen[rule.party]}]",
                    )
                )
            seen.setdefault(rule.party, j)
    return errors


def check_fiscal_years(policy: CofundingPolicy) -> list[SchemeError]:
    """A version ends no earlier than it starts; versions are listed in order and never overlap (an
    open version ends where the next begins)."""
    errors = []
    for i, version in enumerate(policy.versions):
        if version.to_fy is not None and version.to_fy < version.from_fy:
            errors.append(
                SchemeError(
                    f"versions[{i}].to_fy",
                    "fiscal_years_reversed",
                    f"ปีงบประมาณสิ้นสุด {version.to_fy.be} อยู่ก่อนปีเริ่ม {version.from_fy.be}",
                    f"ends in FY {version.to_fy.be}, before it starts (FY {version.from_fy.be})",
                )
            )
        if i == 0:
            continue
        before = policy.versions[i - 1]
        start = version.from_fy
        overlaps = start == before.from_fy or (
            start > before.from_fy and before.to_fy is not None and start <= before.to_fy
        )
        if overlaps:
            errors.append(
                SchemeError(
                    f"versions[{i}].from_fy",
                    "fiscal_years_overlap",
                    f"ปีงบประมาณ {start.be} ซ้อนกับฉบับก่อนหน้า ({before.years_text('th')})",
                    f"FY {start.be} overlaps the previous version ({before.years_text('en')})",
                )
            )
        elif start < before.from_fy:
            errors.append(
                SchemeError(
                    f"versions[{i}].from_fy",
                    "version_order",
                    f"ฉบับนี้เริ่มปีงบประมาณ {start.be} ก่อนฉบับก่อนหน้า ({before.from_fy.be}): เรียงตามปี",
                    f"starts in FY {start.be}, before the previous version ({before.from_fy.be}): "
                    "list versions in order",
                )
            )
    return errors


CHECKS: tuple[Callable[[CofundingPolicy], list[SchemeError]], ...] = (
    check_members_party,
    check_duplicate_parties,
    check_fiscal_years,
)


def check_policy(policy: CofundingPolicy) -> list[SchemeError]:
    return [error for check in CHECKS for error in check(policy)]
