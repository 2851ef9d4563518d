"""Who may see a body's projection and ask for it again.

A fund's: everyone with a role in it sees it (members too: it is their fund's future); the treasurer,
the committee and the administrator may ask for a recompute. A network's: the roles over the whole
network (coordinator, administrator) see it and may ask; someone whose role is in one of its funds
only is refused (the network's totals include funds outside their role); anyone else is told it does
not exist (404).

These capabilities live here until they move into sajja.access.policy.CAPABILITIES.
"""

from __future__ import annotations

from django.db.models import Q

from sajja.access.models import Role, RoleAssignment
from sajja.access.policy import ALL, roles_in_fund
from sajja.core.errors import NotFound, NotPermitted
from sajja.registry.models import Fund, Network

FUND_CAPABILITIES = {
    "view_projection": ALL,
    "request_projection": frozenset({Role.TREASURER, Role.COMMITTEE, Role.ADMIN}),
}
NETWORK_CAPABILITIES = {
    "view_projection": frozenset({Role.COORDINATOR, Role.ADMIN}),
    "request_projection": frozenset({Role.COORDINATOR, Role.ADMIN}),
}


def network_roles(user, network: Network) -> tuple[set[Role], bool]:
    """(roles over the whole network, whether the user holds a role in one of its funds)."""
    if getattr(user, "is_system", False):
        return {Role.ADMIN}, False
    if not user or not user.is_authenticated:
        return set(), False
    rows = RoleAssignment.objects.filter(user=user).filter(
        Q(network=network) | Q(fund__network=network) | Q(role=Role.ADMIN, fund=None, network=None)
    )
    whole, in_fund = set(), False
    for role, fund_id in rows.values_list("role", "fund_id"):
        if fund_id:
            in_fund = True
        else:
            whole.add(Role(role))
    return whole, in_fund


def may(user, body, capability: str) -> bool:
    if isinstance(body, Fund):
        return bool(roles_in_fund(user, body) & FUND_CAPABILITIES[capability])
    whole, _ = network_roles(user, body)
    return bool(whole & NETWORK_CAPABILITIES[capability])


def require(user, body, capability: str) -> None:
    """NotFound outside the user's reach (as if the body did not exist), NotPermitted without the right."""
    if isinstance(body, Fund):
        reached = bool(roles_in_fund(user, body))
        missing = NotFound("ไม่พบกองทุน", "fund not found")
    else:
        whole, in_fund = network_roles(user, body)
        reached = bool(whole) or in_fund
        missing = NotFound("ไม่พบเครือข่าย", "network not found")
    if not reached:
        raise missing
    if not may(user, body, capability):
        raise NotPermitted("บทบาทของคุณไม่มีสิทธิ์ทำรายการนี้", "your role does not allow this")


def network_for(user, code: str, capability: str = "view_projection") -> Network:
    """The network with this code, if the user's roles reach it; 404 otherwise, whether it exists or not."""
    network = Network.objects.filter(code=code).first()
    if network is None:
        raise NotFound("ไม่พบเครือข่าย", "network not found")
    require(user, network, capability)
    return network
