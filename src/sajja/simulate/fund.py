"""One fund, ready to project: its members, reserve and scheme, read from wherever they live.

`FundInputs` is the contract between the places that know a fund (the Django layer's
`sajja.sustainability.inputs`, the synthetic national population of `sweep`) and the engines: plain
data, picklable (a sweep ships it to Dask workers), with everything a projection needs besides the
number of years and paths and the seed.

>>> from sajja.schemes import load_template
>>> f = FundInputs("demo", "Demo", load_template("songkhla"), Population.synthetic(50, from_age=20, to_age=69),
...                initial_reserve=10_000.0, start_year=2026)
>>> f.project(years=3, paths=10, seed=1).reserve.shape
(10, 4)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, cast

from sajja.schemes import Scheme, load_template
from sajja.simulate.assumptions import Assumptions
from sajja.simulate.population import Population
from sajja.simulate.project import START_YEAR, Projection, project
from sajja.simulate.scenarios import Scenario, cap_benefits


@dataclass(frozen=True)
class FundInputs:
    code: str
    name: str
    scheme: Scheme
    population: Population
    """Members projected (active ones), in cells of age, sex and whole paid years at the start."""
    initial_reserve: float = 0.0
    """Baht: the fund's net assets (assets less liabilities) on the day the projection starts."""
    start_year: int = START_YEAR
    overrides: dict[str, Any] = field(default_factory=dict)
    """Assumption overrides from the fund's own history (joining and leaving rates), if it has one."""
    scheme_source: str = ""
    """Where the scheme came from: "fund" (its own published versions) or "template NAME"."""
    notes: tuple[str, ...] = ()
    """What the reader should know (members left out, a template used in place of the fund's scheme)."""

    def with_scenario(self, scenario: Scenario) -> FundInputs:
        """The same members under a scenario: its template (if it names one), its caps on benefits
        and its assumption overrides on top of the fund's own. Bad values are refused here, before
        anything runs."""
        named = isinstance(scenario.scheme, str) and bool(scenario.scheme)
        # named: a template's name; otherwise a Scheme, or "" for the fund's own
        scheme = (
            load_template(cast(str, scenario.scheme))
            if named
            else cast(Scheme, scenario.scheme or self.scheme)
        )
        changed = replace(
            self,
            scheme=cap_benefits(scheme, scenario.caps),
            overrides={**self.overrides, **scenario.overrides},
            scheme_source=f"template {scenario.scheme}" if named else self.scheme_source,
            notes=(*self.notes, f"scenario: {scenario.name}"),
        )
        changed.assumptions()  # checks the overrides
        return changed

    def assumptions(self, overrides: Mapping[str, Any] | None = None) -> Assumptions:
        """The shipped assumptions with the fund's own rates, then `overrides` (a scenario's) on top."""
        return Assumptions.default().with_overrides({**self.overrides, **(overrides or {})})

    def project(
        self,
        *,
        years: int = 30,
        paths: int = 1000,
        seed: int = 0,
        assumptions: Assumptions | None = None,
        overrides: Mapping[str, Any] | None = None,
        engine: str = "cohort",
        workers: int | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> Projection:
        """The fund's projection; `assumptions`, when given, are used as they are (no history)."""
        return project(
            self.scheme,
            self.population,
            years=years,
            paths=paths,
            seed=seed,
            assumptions=assumptions or self.assumptions(overrides),
            initial_reserve=self.initial_reserve,
            engine=engine,
            start_year=self.start_year,
            workers=workers,
            progress=progress,
        )
