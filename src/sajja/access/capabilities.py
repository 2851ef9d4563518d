"""Every right in Sajja, written once: each area registers its own from its AppConfig.ready().

A capability names a right (view_books, approve_claims, manage_meetings...) and says who holds it:

- in a fund: the roles that reach the fund (held in it, over its network, or by an administrator everywhere);
- over a network: the roles held over the whole network (its coordinator, an administrator), and whether a
  role held in one of the network's funds is enough (the funds' people read their network's meetings).

A capability that names no network roles is never held over a network. Registering a name twice is an error,
so that an area cannot silently redefine another's right. sajja.access.policy answers who holds what.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from django.core.exceptions import ImproperlyConfigured

from sajja.access.models import Role

ALL = frozenset(Role)
BOOKKEEPERS = frozenset({Role.TREASURER, Role.ADMIN})
OVERSEERS = frozenset({Role.TREASURER, Role.COMMITTEE, Role.AUDITOR, Role.COORDINATOR, Role.ADMIN})
# A fund's officers: they arrange its scheme, its meetings, its projections.
OFFICERS = frozenset({Role.TREASURER, Role.COMMITTEE, Role.ADMIN})
NETWORK_MANAGERS = frozenset({Role.COORDINATOR, Role.ADMIN})


@dataclass(frozen=True)
class Capability:
    name: str
    in_fund: frozenset[Role]
    over_network: frozenset[Role] = frozenset()
    # Whether a role held in one of a network's funds grants the capability over the network itself.
    from_network_funds: bool = False


class AlreadyRegistered(ImproperlyConfigured):
    """A second capability under a name already taken."""


_REGISTRY: dict[str, Capability] = {}


def register(*capabilities: Capability) -> None:
    """Add capabilities to the registry; nothing is added if one of the names is already taken."""
    names = [c.name for c in capabilities]
    taken = sorted({n for n in names if n in _REGISTRY or names.count(n) > 1})
    if taken:
        raise AlreadyRegistered(f"capabilities registered twice: {', '.join(taken)}")
    _REGISTRY.update((c.name, c) for c in capabilities)


def capability(name: str) -> Capability:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(f"no capability named {name!r} is registered") from None


def registered() -> Mapping[str, Capability]:
    """Every registered capability by name (read-only)."""
    return MappingProxyType(_REGISTRY)
