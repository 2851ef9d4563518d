"""The hospital-stay benefit: a rate per night, capped in nights and in baht per benefit year.

Amounts are whole satang (1/100 baht), as in Sajja, so that both answers can be compared exactly.
"""

import numpy as np
from openfisca_core.periods import DateUnit
from openfisca_core.variables import Variable

from sajja_welfare_openfisca.entities import Member


def _input(name: str, value_type, label: str) -> type[Variable]:
    return type(
        name,
        (Variable,),
        {"value_type": value_type, "entity": Member, "definition_period": DateUnit.YEAR, "label": label},
    )


hospital_stay = _input("hospital_stay", bool, "The event is a stay in hospital")
hospital_nights = _input("hospital_nights", int, "Nights in hospital claimed for this stay")
hospital_nights_used = _input("hospital_nights_used", int, "Nights already paid this benefit year")
hospital_satang_used = _input("hospital_satang_used", int, "Satang already paid this benefit year")


def _satang(baht) -> int:
    return int(round(float(baht) * 100))


class hospital_eligible(Variable):
    value_type = bool
    entity = Member
    definition_period = DateUnit.YEAR
    label = "The stay may be paid: a member past the waiting period, paid up, at least one night"

    def formula(member, period, parameters):
        return (
            member("hospital_stay", period)
            & member("member_on_event_day", period)
            & np.logical_not(member("waiting", period))
            & np.logical_not(member("lapsed", period))
            & np.logical_not(member("in_arrears", period))
            & (member("hospital_nights", period) >= 1)
        )


class hospital_nights_paid(Variable):
    value_type = int
    entity = Member
    definition_period = DateUnit.YEAR
    label = "Nights paid: those claimed, at most the nights left in the year's cap"

    def formula(member, period, parameters):
        cap = parameters(period).hospital.max_nights_per_year
        left = np.maximum(cap - member("hospital_nights_used", period), 0)
        return np.minimum(member("hospital_nights", period), left)


class hospital_benefit(Variable):
    value_type = int
    entity = Member
    definition_period = DateUnit.YEAR
    unit = "satang"
    label = "Hospital-stay benefit paid for the event, in satang"

    def formula(member, period, parameters):
        rules = parameters(period).hospital
        amount = member("hospital_nights_paid", period).astype(np.int64) * _satang(rules.rate)
        left = np.maximum(_satang(rules.max_amount_per_year) - member("hospital_satang_used", period), 0)
        return np.where(member("hospital_eligible", period), np.minimum(amount, left), 0)


VARIABLES = [
    hospital_stay,
    hospital_nights,
    hospital_nights_used,
    hospital_satang_used,
    hospital_eligible,
    hospital_nights_paid,
    hospital_benefit,
]
