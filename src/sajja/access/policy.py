"""The written access policy: which role may do what within its scope.

Outside a user's scope a fund or a network does not exist for them (404). Inside it, a capability the roles
lack is refused (403). The capabilities themselves are registered by each area (sajja.access.capabilities);
every service checks here before it writes; every selector scopes through here.
"""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import NamedTuple

from django.db.models import Q, QuerySet

from sajja.access import capabilities as rights
from sajja.access.capabilities import ALL, BOOKKEEPERS, OVERSEERS
from sajja.access.models import Role, RoleAssignment
from sajja.access.reasons import FUND_NOT_FOUND, NETWORK_NOT_FOUND, ROLE_NOT_PERMITTED
from sajja.core.errors import NotFound, NotPermitted
from sajja.registry.models import Network

__all__ = [
    "ALL",
    "BOOKKEEPERS",
    "OVERSEERS",
    "SYSTEM",
    "NetworkRoles",
    "can",
    "capabilities",
    "may",
    "network_for",
    "not_found",
    "own_member_ids",
    "require",
    "roles_in_fund",
    "roles_in_network",
    "scope_funds",
]


class SystemActor:
    """The operator at the command line (`sajja ...`): trusted like an administrator, recorded as nobody."""

    pk = None
    is_authenticated = True
    is_system = True

    def __str__(self):
        return "system"


SYSTEM = SystemActor()


class NetworkRoles(NamedTuple):
    """The roles a user holds that reach a network."""

    whole: set[Role]  # over the whole network: its coordinator, an administrator
    in_funds: set[Role]  # in one (or more) of its funds


def roles_in_fund(user, fund) -> set[Role]:
    """Every role the user holds that reaches this fund."""
    if getattr(user, "is_system", False):
        # Role(member) is the member itself, typed (to mypy, without Django's stubs, Role.ADMIN is its tuple)
        return {Role(Role.ADMIN)}
    if not user or not user.is_authenticated:
        return set()
    rows = RoleAssignment.objects.filter(user=user).filter(
        Q(fund=fund) | Q(network_id=fund.network_id) | Q(role=Role.ADMIN, fund=None, network=None)
    )
    return {Role(r) for r in rows.values_list("role", flat=True)}


def roles_in_network(user, network: Network) -> NetworkRoles:
    """Every role the user holds that reaches this network, over the whole of it or in one of its funds."""
    if getattr(user, "is_system", False):
        return NetworkRoles({Role(Role.ADMIN)}, set())
    if not user or not user.is_authenticated:
        return NetworkRoles(set(), set())
    rows = RoleAssignment.objects.filter(user=user).filter(
        Q(network=network) | Q(fund__network=network) | Q(role=Role.ADMIN, fund=None, network=None)
    )
    whole: set[Role] = set()
    in_funds: set[Role] = set()
    for role, fund_id in rows.values_list("role", "fund_id"):
        (in_funds if fund_id else whole).add(Role(role))
    return NetworkRoles(whole, in_funds)


def _reach(user, body) -> tuple[set[Role], NetworkRoles | None]:
    """(every role reaching the body, and for a network the same split by where it is held)."""
    if isinstance(body, Network):
        split = roles_in_network(user, body)
        return split.whole | split.in_funds, split
    return roles_in_fund(user, body), None


def _grants(name: str, roles: set[Role], split: NetworkRoles | None) -> bool:
    right = rights.capability(name)
    if split is None:
        return bool(roles & right.in_fund)
    return bool(split.whole & right.over_network) or (right.from_network_funds and bool(split.in_funds))


def may(user, body, capability: str) -> bool:
    """Whether the user holds the capability in this fund or over this network."""
    return _grants(capability, *_reach(user, body))


can = may  # the name the fund-only policy had; callers may use either


def capabilities(user, body) -> frozenset[str]:
    """Every capability the user holds in this fund or over this network (empty outside their scope)."""
    roles, split = _reach(user, body)
    if not roles:
        return frozenset()
    return frozenset(name for name in rights.registered() if _grants(name, roles, split))


def not_found(body) -> NotFound:
    """What a body outside the user's scope answers: word for word what a body that does not exist answers
    (registry.selectors.fund_for, network_for below), so that the two cannot be told apart."""
    return _network_not_found() if isinstance(body, Network) else _fund_not_found()


def _fund_not_found() -> NotFound:
    return FUND_NOT_FOUND.not_found()


def _network_not_found() -> NotFound:
    return NETWORK_NOT_FOUND.not_found()


def _not_permitted() -> NotPermitted:
    return ROLE_NOT_PERMITTED.not_permitted()


def require(user, body, capability: str) -> set[Role]:
    """Raise NotFound if the fund or network is outside the user's scope, NotPermitted if their roles lack
    the right. Returns every role of the user that reaches the body."""
    roles, split = _reach(user, body)
    if not roles:
        raise not_found(body)
    if not _grants(capability, roles, split):
        raise _not_permitted()
    return roles


def network_for(user, code: str, capability: str) -> Network:
    """The network with this code, if the user's roles reach it (404 otherwise, whether it exists or not)
    and hold the capability over it (403 otherwise)."""
    network = Network.objects.filter(code=code).first()
    if network is None:
        raise _network_not_found()
    require(user, network, capability)
    return network


def scope_funds(user, funds: QuerySet, capability: str = "view_fund") -> QuerySet:
    """Narrow a Fund queryset to those where the user holds a role granting `capability`."""
    if getattr(user, "is_system", False):
        return funds
    if not user or not user.is_authenticated:
        return funds.none()
    allowed = rights.capability(capability).in_fund
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
