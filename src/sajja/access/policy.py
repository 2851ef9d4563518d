"""The written access policy: which role may do what within its scope.

Outside a user's scope an object does not exist for them (404). Inside it, a capability the role lacks
is refused (403). Every service checks here before it writes; every selector scopes through here.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from sajja.access.models import Role, RoleAssignment
from sajja.core.errors import NotFound, NotPermitted

ALL = frozenset(Role)
BOOKKEEPERS = frozenset({Role.TREASURER, Role.ADMIN})
OVERSEERS = frozenset({Role.TREASURER, Role.COMMITTEE, Role.AUDITOR, Role.COORDINATOR, Role.ADMIN})

CAPABILITIES: dict[str, frozenset[Role]] = {
    "view_fund": ALL,
    "view_members": OVERSEERS,
    "view_books": OVERSEERS,
    "export_books": OVERSEERS,
    "post_entries": BOOKKEEPERS,
    "close_period": BOOKKEEPERS,
    "manage_members": BOOKKEEPERS,
    "see_national_id": BOOKKEEPERS,
}


class SystemActor:
    """The operator at the command line (`sajja ...`): trusted like an administrator, recorded as nobody."""

    pk = None
    is_authenticated = True
    is_system = True

    def __str__(self):
        return "system"


SYSTEM = SystemActor()


def roles_in_fund(user, fund) -> set[Role]:
    """Every role the user holds that reaches this fund."""
    if getattr(user, "is_system", False):
        return {Role.ADMIN}
    if not user or not user.is_authenticated:
        return set()
    rows = RoleAssignment.objects.filter(user=user).filter(
        Q(fund=fund) | Q(network_id=fund.network_id) | Q(role=Role.ADMIN, fund=None, network=None)
    )
    return {Role(r) for r in rows.values_list("role", flat=True)}


def can(user, fund, capability: str) -> bool:
    return bool(roles_in_fund(user, fund) & CAPABILITIES[capability])


def capabilities(user, fund) -> frozenset[str]:
    """Every capability the user holds in this fund (empty outside their scope)."""
    roles = roles_in_fund(user, fund)
    return frozenset(name for name, allowed in CAPABILITIES.items() if roles & allowed)


def require(user, fund, capability: str) -> set[Role]:
    """Raise NotFound if the fund is outside the user's scope, NotPermitted if the role lacks the right."""
    roles = roles_in_fund(user, fund)
    if not roles:
        # Word for word what a fund that does not exist answers (registry.selectors.fund_for):
        # a fund outside the user's scope must not be told apart from no fund at all.
        raise NotFound("ไม่พบกองทุน", "fund not found")
    if not roles & CAPABILITIES[capability]:
        raise NotPermitted("บทบาทของคุณไม่มีสิทธิ์ทำรายการนี้", "your role does not allow this")
    return roles


def scope_funds(user, funds: QuerySet, capability: str = "view_fund") -> QuerySet:
    """Narrow a Fund queryset to those where the user holds a role granting `capability`."""
    if getattr(user, "is_system", False):
        return funds
    if not user or not user.is_authenticated:
        return funds.none()
    allowed = CAPABILITIES[capability]
    rows = list(
        RoleAssignment.objects.filter(user=user, role__in=allowed).values_list(
            "role", "fund_id", "network_id"
        )
    )
    if any(role == Role.ADMIN and fund is None and net is None for role, fund, net in rows):
        return funds
    conditions = [Q(pk=fund) for _, fund, _ in rows if fund] + [
        Q(network_id=net) for _, _, net in rows if net
    ]
    if not conditions:
        return funds.none()
    return funds.filter(reduce(or_, conditions))


def own_member_ids(user) -> set[int]:
    """The memberships a member-role user may see: their own."""
    member = getattr(user, "member", None)
    return {member.pk} if member else set()
