"""API of the roll-up: a network's, a province's and the nation's figures, each the sum of its funds'.

Read only, from the figures kept for each fund. A network answers its coordinator and administrators, a
province and the nation administrators; outside that reach, 404 as for a body that does not exist.
"""

from __future__ import annotations

from ninja import Router

from sajja.api.schemas import ERRORS
from sajja.rollup import selectors
from sajja.rollup.schemas import RollupOut
from sajja.rollup.shapes import rollup_data

router = Router(tags=["rollup"])


@router.get("/networks/{network}/figures", response={200: RollupOut, **ERRORS}, url_name="network-figures")
def network_figures(request, network: str):
    """The network's funds side by side (those needing attention first) and their total."""
    return rollup_data(selectors.network_figures(request.auth, network))


@router.get("/provinces/{province}/figures", response={200: RollupOut, **ERRORS}, url_name="province-figures")
def province_figures(request, province: str):
    """The province's networks (their funds in the province), the funds needing attention, the total."""
    return rollup_data(selectors.province_figures(request.auth, province))


@router.get("/national/figures", response={200: RollupOut, **ERRORS}, url_name="national-figures")
def national_figures(request):
    """Every province, the funds needing attention most, and the nation's total."""
    return rollup_data(selectors.national_figures(request.auth))
