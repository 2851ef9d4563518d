"""Worker run by bench/schemes_openfisca.py with .venv-openfisca's Python: OpenFisca on the events.

    python bench/openfisca/run.py EVENTS.npz ANSWERS.npz

Reads the events (day numbers, nights, what was already paid this year), computes the hospital-stay
benefit with one OpenFisca simulation per benefit year (best of five runs), and writes the amounts
(satang, in the events' order) and the seconds (wall clock and CPU) spent building the simulations
and calculating.
"""

import sys
import time

import numpy as np
from openfisca_core.simulations import SimulationBuilder
from sajja_welfare_openfisca import HospitalWelfareSystem  # beside this script, so on sys.path

DATES = ["event_date", "joined_on", "left_on", "died_on", "reinstated_on", "paid_through"]
REPEATS = 5  # best of five, as for Sajja's engines
COUNTS = ["hospital_nights", "hospital_nights_used", "hospital_satang_used"]


def simulation(system, events, rows, year):
    builder = SimulationBuilder()
    builder.create_entities(system)
    builder.declare_person_entity("member", np.arange(rows.size))
    sim = builder.build(system)
    for name in DATES:
        sim.set_input(name, year, events[name][rows].astype("datetime64[D]"))
    for name in COUNTS:
        sim.set_input(name, year, events[name][rows].astype(np.int32))
    sim.set_input("hospital_stay", year, events["hospital_stay"][rows])
    return sim


def main(source: str, target: str) -> None:
    events = dict(np.load(source))
    system = HospitalWelfareSystem()
    years = events["event_date"].astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    best = {"build": [float("inf")] * 2, "calculate": [float("inf")] * 2}  # wall and CPU seconds

    def clock(step, started):
        wall, cpu = time.perf_counter() - started[0], time.process_time() - started[1]
        best[step] = [min(best[step][0], wall), min(best[step][1], cpu)]

    for _ in range(REPEATS):  # a fresh simulation each time: OpenFisca keeps what it has calculated
        started = time.perf_counter(), time.process_time()
        sims = {}
        for year in np.unique(years):
            rows = np.flatnonzero(years == year)
            sims[int(year)] = (rows, simulation(system, events, rows, str(year)))
        clock("build", started)
        amounts = np.zeros(years.size, dtype=np.int64)
        started = time.perf_counter(), time.process_time()
        for year, (rows, sim) in sims.items():
            amounts[rows] = sim.calculate("hospital_benefit", str(year))
        clock("calculate", started)
    np.savez(target, amounts=amounts, build=best["build"], calculate=best["calculate"])


if __name__ == "__main__":
    main(*sys.argv[1:3])
