"""Checks of a scheme's meaning, after its shape is valid: small functions returning error values.

Each check takes the scheme and returns a list of `SchemeError`; `check_scheme` runs them all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from sajja.schemes.benefits import EducationGrant, Tier, Tiered
from sajja.schemes.errors import SchemeError
from sajja.schemes.explain import duration_text

if TYPE_CHECKING:
    from sajja.schemes.versions import Scheme


def _err(path: str, code: str, th: str, en: str) -> SchemeError:
    return SchemeError(path, code, th, en)


def check_version_order(scheme: Scheme) -> list[SchemeError]:
    """Versions are listed in date order, one per day: a change is a new, later version."""
    errors = []
    for i in range(1, len(scheme.versions)):
        before, this = scheme.versions[i - 1].effective_from, scheme.versions[i].effective_from
        if this <= before:
            errors.append(
                _err(
                    f"versions[{i}].effective_from",
                    "version_order",
                    f"ฉบับนี้ลงวันที่ {this} ไม่หลังฉบับก่อนหน้า ({before})",
                    f"dated {this}, not after the previous version ({before})",
                )
            )
    return errors


def check_benefit_codes(scheme: Scheme) -> list[SchemeError]:
    errors = []
    for i, version in enumerate(scheme.versions):
        seen: dict[str, int] = {}
        for j, benefit in enumerate(version.benefits):
            if benefit.code in seen:
                errors.append(
                    _err(
                        f"versions[{i}].benefits[{j}].code",
                        "duplicate_code",
                        f"รหัส '{benefit.code}' ซ้ำกับ benefits[{seen[benefit.code]}]",
                        f"code '{benefit.code}' repeats benefits[{seen[benefit.code]}]",
                    )
                )
            seen.setdefault(benefit.code, j)
    return errors


def _tier_errors(base: str, tiers: Sequence[Tier]) -> list[SchemeError]:
    errors = []
    for k, tier in enumerate(tiers):
        here = f"{base}.tiers[{k}]"
        if tier.end is not None and tier.end <= tier.start:
            errors.append(
                _err(
                    f"{here}.to",
                    "tier_empty",
                    "ขั้นนี้สิ้นสุดก่อนหรือพร้อมกับที่เริ่ม",
                    "the tier ends before or where it starts",
                )
            )
        if k + 1 == len(tiers) and tier.end is not None:
            errors.append(
                _err(
                    f"{here}.to",
                    "tier_closed",
                    "ขั้นสุดท้ายต้องไม่มีเพดาน: ไม่ต้องระบุ 'to'",
                    "the last tier must be open: leave out 'to'",
                )
            )
        if k + 1 < len(tiers):
            following = tiers[k + 1].start
            if tier.end is None:
                errors.append(
                    _err(
                        f"{here}.to",
                        "tier_open",
                        "มีเพียงขั้นสุดท้ายที่ไม่ต้องระบุ 'to'",
                        "only the last tier may leave out 'to'",
                    )
                )
            elif following < tier.end:
                errors.append(
                    _err(
                        f"{base}.tiers[{k + 1}].from",
                        "tier_overlap",
                        f"ขั้นนี้เริ่มที่ {duration_text(following, 'th')} ซ้อนกับขั้นก่อนหน้าที่ถึง {duration_text(tier.end, 'th')}",
                        f"starts at {duration_text(following, 'en')}, overlapping the previous tier, which runs to {duration_text(tier.end, 'en')}",
                    )
                )
            elif following > tier.end:
                errors.append(
                    _err(
                        f"{base}.tiers[{k + 1}].from",
                        "tier_gap",
                        f"มีช่องว่าง: ขั้นก่อนหน้าถึง {duration_text(tier.end, 'th')} แต่ขั้นนี้เริ่มที่ {duration_text(following, 'th')}",
                        f"gap: the previous tier runs to {duration_text(tier.end, 'en')} but this one starts at {duration_text(following, 'en')}",
                    )
                )
    return errors


def check_benefits(scheme: Scheme) -> list[SchemeError]:
    errors = []
    for i, version in enumerate(scheme.versions):
        for j, benefit in enumerate(version.benefits):
            base = f"versions[{i}].benefits[{j}]"
            if isinstance(benefit, Tiered):
                errors += _tier_errors(base, benefit.tiers)
            if isinstance(benefit, EducationGrant):
                if benefit.amount is None and not benefit.levels:
                    errors.append(
                        _err(
                            f"{base}.amount",
                            "missing",
                            "ต้องระบุ amount หรือ levels",
                            "needs an amount or levels",
                        )
                    )
                levels = [x.level for x in benefit.levels]
                for k, level in enumerate(levels):
                    if level in levels[:k]:
                        errors.append(
                            _err(
                                f"{base}.levels[{k}].level",
                                "duplicate_level",
                                f"ระดับ '{level}' ซ้ำ",
                                f"level '{level}' repeats",
                            )
                        )
            cond = benefit.conditions
            if cond.min_age is not None and cond.max_age is not None and cond.min_age > cond.max_age:
                errors.append(
                    _err(
                        f"{base}.conditions.max_age",
                        "age_range",
                        "อายุสูงสุดน้อยกว่าอายุต่ำสุด",
                        "max_age is below min_age",
                    )
                )
    return errors


def check_contributions(scheme: Scheme) -> list[SchemeError]:
    errors = []
    for i, version in enumerate(scheme.versions):
        rules = version.contributions
        if rules.lapse_after_days <= rules.grace_days:
            errors.append(
                _err(
                    f"versions[{i}].contributions.lapse_after_days",
                    "lapse_before_grace",
                    f"ต้องมากกว่าระยะผ่อนผัน ({rules.grace_days} วัน)",
                    f"must be more than the grace period ({rules.grace_days} days)",
                )
            )
    return errors


CHECKS: tuple[Callable[[Scheme], list[SchemeError]], ...] = (
    check_version_order,
    check_benefit_codes,
    check_benefits,
    check_contributions,
)


def check_scheme(scheme: Scheme) -> list[SchemeError]:
    return [error for check in CHECKS for error in check(scheme)]
