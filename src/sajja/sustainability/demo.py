"""The demo's projections: every demo fund and network projected once, here, so the pages show charts.

Built at the end of the demo's transaction (this extension runs last), with fewer paths than the
worker uses and without the scenario table, so `sajja demo` stays quick; the pages say how many
paths each result used. "Compute again" (or any later change) has the worker (`sajja db_worker`)
compute the full projection, scenario table included.
"""

from __future__ import annotations

from sajja.registry.models import Fund, Network
from sajja.simulate import SimulationError
from sajja.sustainability.compute import Settings
from sajja.sustainability.models import Reason
from sajja.sustainability.projecting import compute_now

DEMO = Settings(paths=200, scenarios=False)


def extend(rng) -> list:
    for body in [*Fund.objects.order_by("code"), *Network.objects.order_by("code")]:
        try:
            compute_now(body, str(Reason.DEMO), DEMO)
        except SimulationError:  # a fund without active members has nothing to project
            continue
    return []
