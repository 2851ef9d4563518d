"""The hospital-stay rule of Sajja's generic template, written again as a small OpenFisca system.

Benchmark-only: `bench/schemes_openfisca.py` runs it in its own environment (.venv-openfisca) on the
same events as Sajja's engines and insists on the same amounts. It is written from OpenFisca's
documented model API (entities, variables with formulas, YAML parameters), like a country package.
"""

from pathlib import Path

from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from sajja_welfare_openfisca.entities import entities
from sajja_welfare_openfisca.variables import hospital, membership

PARAMETERS = Path(__file__).parent / "parameters"


class HospitalWelfareSystem(TaxBenefitSystem):
    """One member entity, the membership conditions and the hospital-stay benefit."""

    def __init__(self) -> None:
        super().__init__(entities)
        self.add_variables(*membership.VARIABLES, *hospital.VARIABLES)
        self.load_parameters(str(PARAMETERS))
