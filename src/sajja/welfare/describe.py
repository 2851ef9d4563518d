"""A fund's rules in plain words for its members: one short line per figure, in Thai or English.

>>> from sajja.schemes import load_template
>>> hospital = load_template("codi").versions[0].benefit("hospital")
>>> benefit_lines(hospital, "th")
['คืนละ 100.00 บาท', 'ไม่เกิน 20 คืนต่อปี', 'รวมไม่เกิน 2,000.00 บาทต่อปี', 'จ่ายให้สมาชิก']
>>> benefit_lines(hospital, "en")[0]
'100.00 baht a night'
"""

from __future__ import annotations

from functools import partial

from sajja.schemes.benefits import DisabilityAllowance, EducationGrant, LumpSum, Pension, PerNight, Tiered
from sajja.schemes.explain import duration_text, money_text


def _t(language: str, th: str, en: str) -> str:
    return en if language.startswith("en") else th


def _amounts(benefit, language: str) -> list[str]:
    money = partial(money_text, language=language)
    if isinstance(benefit, LumpSum):
        return [_t(language, f"จ่ายครั้งละ {money(benefit.amount)}", f"{money(benefit.amount)} per event")]
    if isinstance(benefit, PerNight):
        out = [_t(language, f"คืนละ {money(benefit.rate)}", f"{money(benefit.rate)} a night")]
        if benefit.max_nights_per_event:
            n = benefit.max_nights_per_event
            out.append(_t(language, f"ไม่เกิน {n} คืนต่อครั้ง", f"at most {n} nights per stay"))
        if benefit.max_nights_per_year:
            n = benefit.max_nights_per_year
            out.append(_t(language, f"ไม่เกิน {n} คืนต่อปี", f"at most {n} nights a year"))
        if benefit.max_amount_per_event is not None:
            cap = money(benefit.max_amount_per_event)
            out.append(_t(language, f"ไม่เกิน {cap} ต่อครั้ง", f"at most {cap} per stay"))
        return out
    if isinstance(benefit, Tiered):
        out = []
        if isinstance(benefit, Pension):
            out.append(_t(language, f"ตั้งแต่อายุ {benefit.from_age} ปี", f"from age {benefit.from_age}"))
            out.append(
                _t(
                    language,
                    f"เป็นสมาชิกที่ส่งเงินครบอย่างน้อย {duration_text(benefit.required_months(), 'th')}",
                    f"after at least {duration_text(benefit.required_months(), 'en')} of paid membership",
                )
            )
        for tier in benefit.tiers:
            out.append(
                _t(
                    language,
                    f"อายุสมาชิก {tier.label('th')}: {money(tier.amount)}",
                    f"paid membership {tier.label('en')}: {money(tier.amount)}",
                )
            )
        if isinstance(benefit, Pension):
            out.append(
                _t(language, f"จ่าย{benefit.frequency.label('th')}", f"paid {benefit.frequency.label('en')}")
            )
        return out
    if isinstance(benefit, EducationGrant):
        out = (
            [_t(language, f"ทุนละ {money(benefit.amount)}", f"{money(benefit.amount)} a grant")]
            if benefit.amount
            else []
        )
        for row in benefit.levels:
            out.append(f"{row.level.label(language)}: {money(row.amount)}")
        return out
    if isinstance(benefit, DisabilityAllowance):
        freq = benefit.frequency
        return [
            _t(
                language,
                f"{money(benefit.amount)} จ่าย{freq.label('th')}",
                f"{money(benefit.amount)}, paid {freq.label('en')}",
            )
        ]
    return []


def _conditions(benefit, language: str) -> list[str]:
    c = benefit.conditions
    out = []
    if c.waiting_days is not None:
        out.append(_t(language, f"ระยะรอสิทธิ์ {c.waiting_days} วัน", f"{c.waiting_days}-day waiting period"))
    if c.min_paid_membership:
        need = c.min_paid_membership
        out.append(
            _t(
                language,
                f"ต้องเป็นสมาชิกที่ส่งเงินครบ {duration_text(need, 'th')}",
                f"needs {duration_text(need, 'en')} of paid membership",
            )
        )
    if c.min_age is not None:
        out.append(_t(language, f"อายุตั้งแต่ {c.min_age} ปี", f"from age {c.min_age}"))
    if c.max_age is not None:
        out.append(_t(language, f"อายุไม่เกิน {c.max_age} ปี", f"up to age {c.max_age}"))
    if c.sex is not None:
        out.append(_t(language, f"สำหรับสมาชิก{c.sex.label('th')}", f"for {c.sex.label('en')} members"))
    if c.max_claims_per_year:
        n = c.max_claims_per_year
        out.append(_t(language, f"ไม่เกิน {n} ครั้งต่อปี", f"at most {n} claim(s) a year"))
    if c.max_amount_per_year is not None:
        cap = money_text(c.max_amount_per_year, language)
        out.append(_t(language, f"รวมไม่เกิน {cap}ต่อปี", f"at most {cap} a year"))
    out.append(_t(language, f"จ่ายให้{c.recipient.label('th')}", f"paid to {c.recipient.label('en')}"))
    return out


def benefit_lines(benefit, language: str = "th") -> list[str]:
    """What the benefit pays and on which conditions, one short line each."""
    return _amounts(benefit, language) + _conditions(benefit, language)


def contribution_lines(version, language: str = "th") -> list[str]:
    rules = version.contributions
    money = partial(money_text, language=language)
    out = [_t(language, f"สัจจะวันละ {money(rules.daily_rate)}", f"{money(rules.daily_rate)} a day")]
    if rules.monthly_amount is not None:
        out.append(
            _t(language, f"รายเดือน {money(rules.monthly_amount)}", f"monthly {money(rules.monthly_amount)}")
        )
    if rules.yearly_amount is not None:
        out.append(_t(language, f"รายปี {money(rules.yearly_amount)}", f"yearly {money(rules.yearly_amount)}"))
    if rules.entry_fee:
        out.append(_t(language, f"ค่าสมัคร {money(rules.entry_fee)}", f"entry fee {money(rules.entry_fee)}"))
    out.append(
        _t(
            language,
            f"ระยะรอสิทธิ์ {version.waiting_days} วันนับจากวันสมัคร",
            f"{version.waiting_days}-day waiting period from joining",
        )
    )
    out.append(
        _t(
            language,
            f"ค้างส่งได้ไม่เกิน {rules.grace_days} วัน เกิน {rules.lapse_after_days} วันพ้นสภาพสมาชิก",
            f"up to {rules.grace_days} days unpaid are allowed; after {rules.lapse_after_days} membership lapses",
        )
    )
    return out
