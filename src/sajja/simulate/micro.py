"""The member-by-member microsimulation: the reference engine, for small funds and for checking.

Every member is a row of plain Python lists, and every draw is made for one member at a time, in a
Python loop, following the same model as the cohort engine (`cohort`): each year new members join
(a Poisson number, each with an entry age and sex drawn from the joiners' profile), everyone present
pays and claims the year's pension, then for each member: death (probability q), a hospital stay
(at least one admission, with nights drawn from the stay distribution), a birth for a woman, and,
for a survivor, leaving (probability w). The year's events of one path are adjudicated together by
the vectorised engine of `sajja.schemes` (`pricing.pay`), each with the member's own age, sex, paid
years and nights. Slow by design: it is the yardstick, not the tool.
"""

from __future__ import annotations

from bisect import bisect_right

import numpy as np

from sajja.schemes import Scheme
from sajja.schemes.batch import KIND_CODE
from sajja.simulate.assumptions import Assumptions
from sajja.simulate.flows import Flows
from sajja.simulate.population import Population
from sajja.simulate.pricing import event_batch, event_day, pay


def _pick(rng: np.random.Generator, cdf: list[float]) -> int:
    """An index drawn with the probabilities whose running sums are `cdf` (inverse transform)."""
    return min(bisect_right(cdf, rng.random()), len(cdf) - 1)


def micro_path(
    scheme: Scheme,
    population: Population,
    a: Assumptions,
    years: int,
    rng: np.random.Generator,
    start_year: int,
) -> Flows:
    out = Flows.zeros(1, years)
    ages = [int(x) for x, k in zip(population.age, population.count, strict=True) for _ in range(k)]
    sexes = [int(x) for x, k in zip(population.sex, population.count, strict=True) for _ in range(k)]
    paid = [int(x) for x, k in zip(population.years, population.count, strict=True) for _ in range(k)]
    entry_age, entry_sex, entry_p = a.joiner_cells()
    stay, birth, entry = (np.cumsum(p).tolist() for p in (a.stay_pmf(), a.birth_pmf(), entry_p))
    for t in range(years):
        joiners = int(rng.poisson(a.joining_rate * len(ages)))
        for _ in range(joiners):
            pick = _pick(rng, entry)
            ages.append(int(entry_age[pick]))
            sexes.append(int(entry_sex[pick]))
            paid.append(0)
        age, sex = np.array(ages), np.array(sexes)
        q = a.death_probability(age, sex).tolist()
        p_stay = a.admission_probability(age).tolist()
        p_birth = a.birth_probability(age, sex).tolist()
        rows: list[tuple[int, str, int]] = [(i, "old_age", 0) for i in range(len(ages))]
        keep = []
        counts = {"deaths": 0, "admissions": 0, "births": 0, "exits": 0}
        for i in range(len(ages)):
            died = rng.random() < q[i]
            if rng.random() < p_stay[i]:
                rows.append((i, "hospital", _pick(rng, stay)))
                counts["admissions"] += 1
            if rng.random() < p_birth[i]:
                rows.append((i, "birth", _pick(rng, birth)))
                counts["births"] += 1
            if died:
                rows.append((i, "death", 0))
                counts["deaths"] += 1
            elif rng.random() < a.leaving_rate:
                counts["exits"] += 1
            else:
                keep.append(i)
        out.members[0, t] = len(ages)
        out.joiners[0, t] = joiners
        out.eligible[0, t] = sum(1 for y in paid if y >= 1)
        for name, value in counts.items():
            getattr(out, name)[0, t] = value
        who = np.array([r[0] for r in rows])
        kinds = np.array([KIND_CODE[r[1]] for r in rows])
        nights = np.array([r[2] for r in rows])
        day = event_day(start_year, t)
        amounts = pay(scheme, event_batch(day, age[who], sex[who], np.array(paid)[who], kinds, nights))
        for kind in out.benefits:
            out.benefits[kind][0, t] = amounts[kinds == KIND_CODE[kind]].sum()
        ages = [ages[i] + 1 for i in keep]
        sexes = [sexes[i] for i in keep]
        paid = [paid[i] + 1 for i in keep]
    return out


def micro_flows(
    scheme: Scheme, population: Population, a: Assumptions, years: int, paths: int, seed: int, start_year: int
) -> Flows:
    rngs = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(paths)]
    return Flows.join([micro_path(scheme, population, a, years, r, start_year) for r in rngs])
