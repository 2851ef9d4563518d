"""The welfare part of the demo world: every demo fund adopts its network's template (in force from
1 January 2024) when it is made, before its members join (`adopt_rules`), and Khuan Lang's committee
has claims at every step of their path, one of them paid.

Built through the same services as real use, by the demo's own users (treasurer, committee1,
committee2), so the books and the audit chain verify.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model

from sajja.access.policy import SYSTEM
from sajja.registry.models import Fund
from sajja.welfare.claims import services as claims
from sajja.welfare.claims.services import ClaimData
from sajja.welfare.services import adopt_template

ADOPTED_FROM = datetime.date(2024, 1, 1)
RESOLUTION = "มติที่ประชุมใหญ่สามัญประจำปี 2566 (ตัวอย่างในระบบทดลอง / demo)"
SHOWCASE = "songkhla-khuanlang"


def adopt_rules(fund) -> None:
    """The fund's network's template, in force from the demo's first day: the rules (an entry fee among
    them) hold before the first member joins."""
    adopt_template(SYSTEM, fund, fund.network.code, effective_from=ADOPTED_FROM, resolution=RESOLUTION)


def extend(rng) -> list[tuple[str, str, str]]:
    showcase = Fund.objects.filter(code=SHOWCASE).first()
    if showcase is not None:
        _claims(showcase, rng)
    return []


def _user(name: str):
    return get_user_model().objects.get(username=name)


def _claims(fund, rng) -> None:
    treasurer, first, second = _user("treasurer"), _user("committee1"), _user("committee2")
    settled = list(fund.members.filter(joined_on__lte=datetime.date(2025, 6, 1)).order_by("number"))
    women = [m for m in settled if m.person.sex == "F"]

    def enter(member, data: ClaimData, token: str):
        return claims.enter_claim(treasurer, fund, member, data, token=f"demo:{token}")[0]

    def approve(claim, *who):
        for user in who:
            claim = claims.approve_claim(user, claim, claim.digest)
        return claim

    # paid: a hospital stay, verified, approved by two, paid from the cash box
    stay = enter(
        settled[0], ClaimData("hospital", datetime.date(2026, 10, 12), 3, details="โรงพยาบาลหาดใหญ่"), "1"
    )
    claims.verify_claim(first, stay)
    approve(stay, first, second)
    claims.pay_claim(treasurer, stay, "cash", datetime.date(2026, 11, 16))
    # approved, waiting for the treasurer
    birth = enter(
        women[1], ClaimData("birth_grant", datetime.date(2026, 11, 2), 0, details="คลอดที่ รพ.สงขลา"), "2"
    )
    claims.verify_claim(second, birth)
    approve(birth, first, second)
    # verified, one approval of two
    sick = enter(settled[2], ClaimData("hospital", datetime.date(2026, 11, 5), rng.randint(1, 4)), "3")
    claims.verify_claim(first, sick)
    approve(sick, first)
    # entered, waiting for a committee member to verify
    enter(
        settled[3],
        ClaimData(
            "disaster_relief" if _has(fund, "disaster_relief") else "hospital",
            datetime.date(2026, 11, 20),
            1,
            details="น้ำท่วมบ้าน",
        ),
        "4",
    )
    # rejected with a coded reason
    no_paper = enter(settled[4], ClaimData("hospital", datetime.date(2026, 11, 8), 2), "5")
    claims.reject_claim(first, no_paper, "evidence_missing", "ยังไม่ได้แนบใบรับรองแพทย์")
    # zero by the rules: a stay a month after joining is inside the waiting period (the explanation
    # says until when); the committee sees it before anyone has to say no
    newest = fund.members.order_by("-joined_on", "number").first()
    enter(newest, ClaimData("hospital", newest.joined_on + datetime.timedelta(days=30), 2), "6")


def _has(fund, code: str) -> bool:
    from sajja.welfare.selectors import require_scheme

    return code in require_scheme(fund).benefit_codes()
