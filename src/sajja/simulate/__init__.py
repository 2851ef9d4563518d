"""Sustainability projections of a welfare fund: pure Python and NumPy, no Django.

From a fund's members (`Population`), its scheme (`sajja.schemes`) and the assumptions
(`Assumptions`, shipped tables with their sources), `project` draws the fund's future with one of
three engines that agree: `cohort` (members in cells, many Monte Carlo paths at once), `micro`
(member by member, the reference) and `expected` (the mean, no randomness). Benefits are always the
scheme's, from the vectorised engine of `sajja.schemes`. `summarise` gives the indicators,
`break_even_rate` / `largest_pension_scale` what would fix a fund, and `compare` scenarios side by
side. Definitions: docs/projections.md.
"""

from sajja.simulate.assumptions import Assumptions, age_profile, rates_from_history
from sajja.simulate.errors import SimulationError
from sajja.simulate.population import Population
from sajja.simulate.project import ENGINES, Projection, project
from sajja.simulate.scenarios import Scenario, cap_benefits, compare, standard_scenarios
from sajja.simulate.solver import break_even_rate, largest_pension_scale
from sajja.simulate.summary import summarise

__all__ = [
    "ENGINES",
    "Assumptions",
    "Population",
    "Projection",
    "Scenario",
    "SimulationError",
    "age_profile",
    "break_even_rate",
    "cap_benefits",
    "compare",
    "largest_pension_scale",
    "project",
    "rates_from_history",
    "standard_scenarios",
    "summarise",
]
