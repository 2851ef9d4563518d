"""The roll-up's part of the demo world: the month-end close of September 2026 in every fund but one of
each network with more than one, so that the network homes show members by standing at the latest close,
and a fund or two whose close is still to do."""

from __future__ import annotations

from sajja.access.policy import SYSTEM
from sajja.contributions.month_end.services import close_through
from sajja.registry.demo import TODAY
from sajja.registry.models import Fund, FundKind

PERIOD = "2026-09"


def extend(rng) -> list[tuple[str, str, str]]:
    welfare_funds = Fund.objects.exclude(kind=FundKind.NETWORK_POOL)  # a pool has no members to close
    for fund in welfare_funds.order_by("network__code", "code"):
        siblings = welfare_funds.filter(network=fund.network_id).order_by("code")
        if siblings.count() > 1 and siblings.last() == fund:
            continue  # its month-end close is still to do
        close_through(SYSTEM, fund, PERIOD, today=TODAY)
    return []
