"""Who may see and arrange a body's meetings. A fund's: its roles; a network's: its coordinator, and the
roles of its funds (to read). Outside that, the body does not exist for the user (404).

These capabilities live here until they move into sajja.access.policy.CAPABILITIES.
"""

from __future__ import annotations

from django.db.models import Q

from sajja.access.models import Role, RoleAssignment
from sajja.access.policy import ALL, roles_in_fund
from sajja.core.errors import NotFound, NotPermitted
from sajja.registry.models import Fund, Network

FUND_CAPABILITIES = {
    "view_meetings": ALL,
    "manage_meetings": frozenset({Role.TREASURER, Role.COMMITTEE, Role.ADMIN}),
}
# In a network, the coordinator arranges; everyone holding a role in one of its funds reads.
NETWORK_MANAGERS = frozenset({Role.COORDINATOR, Role.ADMIN})


def roles_in_network(user, network: Network) -> tuple[set[Role], set[Role]]:
    """(roles over the whole network, roles held in one of its funds)."""
    if getattr(user, "is_system", False):
        return {Role.ADMIN}, set()
    if not user or not user.is_authenticated:
        return set(), set()
    rows = RoleAssignment.objects.filter(user=user).filter(
        Q(network=network) | Q(fund__network=network) | Q(role=Role.ADMIN, fund=None, network=None)
    )
    whole, in_fund = set(), set()
    for role, fund_id in rows.values_list("role", "fund_id"):
        (in_fund if fund_id else whole).add(Role(role))
    return whole, in_fund


def roles_for(user, body) -> set[Role]:
    if isinstance(body, Fund):
        return roles_in_fund(user, body)
    whole, in_fund = roles_in_network(user, body)
    return whole | in_fund


def may(user, body, capability: str) -> bool:
    if isinstance(body, Fund):
        return bool(roles_in_fund(user, body) & FUND_CAPABILITIES[capability])
    whole, in_fund = roles_in_network(user, body)
    if capability == "view_meetings":
        return bool(whole or in_fund)
    return bool(whole & NETWORK_MANAGERS)


def require_body(user, body, capability: str) -> None:
    """NotFound outside the user's reach (as if the body did not exist), NotPermitted without the right."""
    if not roles_for(user, body):
        if isinstance(body, Fund):
            raise NotFound("ไม่พบกองทุน", "fund not found")
        raise NotFound("ไม่พบเครือข่าย", "network not found")
    if not may(user, body, capability):
        raise NotPermitted("บทบาทของคุณไม่มีสิทธิ์ทำรายการนี้", "your role does not allow this")


def body_label(body) -> str:
    return f"fund:{body.code}" if isinstance(body, Fund) else f"network:{body.code}"
