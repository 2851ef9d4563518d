"""Who may do what with a fund's welfare: the written policy of this area, on top of sajja.access.

Outside a user's funds everything is 404 (the fund does not exist for them), as in sajja.access.policy.
Verifying and approving are acts of the fund's own committee: an administrator's reach over every fund
does not make them a committee member, so they may not approve payments.
"""

from __future__ import annotations

from sajja.access.models import Role
from sajja.access.policy import BOOKKEEPERS, OVERSEERS, own_member_ids, roles_in_fund
from sajja.core.errors import NotFound, NotPermitted

ALL = frozenset(Role)
COMMITTEE = frozenset({Role.COMMITTEE})

CAPABILITIES: dict[str, frozenset[Role]] = {
    "view_scheme": ALL,
    "manage_scheme": frozenset({Role.TREASURER, Role.COMMITTEE, Role.ADMIN}),
    "view_claims": OVERSEERS,
    "enter_claims": BOOKKEEPERS,
    "enter_own_claim": frozenset({Role.MEMBER}),
    "verify_claims": COMMITTEE,
    "approve_claims": COMMITTEE,
    "reject_claims": COMMITTEE,
    "pay_claims": BOOKKEEPERS,
}


def _not_found() -> NotFound:
    # Word for word what a fund outside the user's scope answers everywhere else (sajja.access.policy).
    return NotFound("ไม่พบกองทุน", "fund not found")


def welfare_caps(user, fund) -> frozenset[str]:
    """Every welfare capability the user holds in this fund (empty outside their scope)."""
    roles = roles_in_fund(user, fund)
    return frozenset(name for name, allowed in CAPABILITIES.items() if roles & allowed)


def require_welfare(user, fund, capability: str) -> set[Role]:
    roles = roles_in_fund(user, fund)
    if not roles:
        raise _not_found()
    if not roles & CAPABILITIES[capability]:
        raise NotPermitted("บทบาทของคุณไม่มีสิทธิ์ทำรายการนี้", "your role does not allow this")
    return roles


def may_enter_for(user, fund, member) -> bool:
    """A bookkeeper enters a claim for any member; a member only for themself."""
    caps = welfare_caps(user, fund)
    return "enter_claims" in caps or ("enter_own_claim" in caps and member.pk in own_member_ids(user))


def require_enter_for(user, fund, member) -> None:
    caps = welfare_caps(user, fund)
    if not caps:
        raise _not_found()
    if "enter_claims" in caps:
        return
    if "enter_own_claim" in caps and member.pk in own_member_ids(user):
        return
    raise NotPermitted(
        "บันทึกคำขอได้เฉพาะเหรัญญิก หรือสมาชิกที่ขอสวัสดิการของตนเอง",
        "only a treasurer, or a member claiming for themself, may enter a claim",
    )
