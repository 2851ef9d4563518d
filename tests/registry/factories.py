"""Builders of the registry tests: valid Thai national IDs and the enrolment of a person."""

from __future__ import annotations

import datetime

from sajja.registry.services import BeneficiaryData, Enrolment, PersonData

# Valid Thai national IDs (python-stdnum computes the 13th digit).
ID_A = "1101400000006"
ID_B = "3100600123450"
ID_C = "1234567890121"


def enrolment(
    national_id: str = ID_B,
    *,
    first_name="บุญมี",
    last_name="ศรีสุข",
    birth_date=datetime.date(1958, 3, 9),
    sex="M",
    joined_on=datetime.date(2025, 2, 1),
    group_code="G01",
    beneficiaries=(),
    **address,
) -> Enrolment:
    """An enrolment into group G01 (not made): a person, their address, beneficiaries as tuples."""
    person = PersonData(
        national_id=national_id,
        first_name=first_name,
        last_name=last_name,
        birth_date=birth_date,
        sex=sex,
        **address,
    )
    return Enrolment(person, joined_on, group_code, tuple(BeneficiaryData(*b) for b in beneficiaries))
