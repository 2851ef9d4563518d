"""Sustainability projections of a welfare fund: pure Python and NumPy, no Django.

From a fund's members (`Population`), its scheme (`sajja.schemes`) and the assumptions
(`Assumptions`, shipped tables with their sources), `project` draws the fund's future with one of
three engines that agree: `cohort` (members in cells, many Monte Carlo paths at once), `micro`
(member by member, the reference) and `expected` (the mean, no randomness). Benefits are always the
scheme's, from the vectorised engine of `sajja.schemes`. `summarise` gives the indicators,
`break_even_rate` / `largest_pension_scale` what would fix a fund, and `compare` scenarios side by
side. `FundInputs` is one fund ready to project; `fan_chart` draws its reserve as SVG.
Definitions: docs/projections.md.
"""

from sajja.simulate.assumptions import Assumptions, age_profile, rates_from_history
from sajja.simulate.chart import fan_chart
from sajja.simulate.errors import SimulationError
from sajja.simulate.fund import FundInputs
from sajja.simulate.population import Population
from sajja.simulate.project import ENGINES, Projection, project
from sajja.simulate.scenarios import Scenario, cap_benefits, compare, standard_scenarios
from sajja.simulate.solver import break_even_rate, largest_pension_scale
from sajja.simulate.summary import summarise

__all__ = [
    "ENGINES",
    "Assumptions",
    "FundInputs",
    "Population",
    "Projection",
    "Scenario",
    "SimulationError",
    "age_profile",
    "break_even_rate",
    "cap_benefits",
    "compare",
    "fan_chart",
    "largest_pension_scale",
    "project",
    "rates_from_history",
    "standard_scenarios",
    "summarise",
]
