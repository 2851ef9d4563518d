"""The member's standing on the day of the event: the conditions every benefit shares.

Dates are inputs for the benefit year (the calendar year of the event). A date that never happened
(never left, never died, never reinstated) is given as a day far in the future.
"""

from datetime import date

import numpy as np
from openfisca_core.periods import DateUnit
from openfisca_core.variables import Variable

from sajja_welfare_openfisca.entities import Member


def _date_input(name: str, label: str) -> type[Variable]:
    return type(
        name,
        (Variable,),
        {"value_type": date, "entity": Member, "definition_period": DateUnit.YEAR, "label": label},
    )


event_date = _date_input("event_date", "Day of the event (admission to hospital)")
joined_on = _date_input("joined_on", "Day the member joined the fund")
left_on = _date_input("left_on", "Day the member left the fund")
died_on = _date_input("died_on", "Day the member died")
reinstated_on = _date_input("reinstated_on", "Day a lapsed member was reinstated")
paid_through = _date_input("paid_through", "Last day covered by the member's contributions")


def _days(later, earlier):
    return (later - earlier).astype("timedelta64[D]").astype(np.int64)


class member_on_event_day(Variable):
    value_type = bool
    entity = Member
    definition_period = DateUnit.YEAR
    label = "A member on the day of the event: joined, not left that day or before, not died before it"

    def formula(member, period, parameters):
        day = member("event_date", period)
        return (
            (member("joined_on", period) <= day)
            & (day < member("left_on", period))
            & (member("died_on", period) >= day)
        )


class waiting(Variable):
    value_type = bool
    entity = Member
    definition_period = DateUnit.YEAR
    label = "Still in the waiting period after joining, or after reinstatement"

    def formula(member, period, parameters):
        rules = parameters(period).membership
        day = member("event_date", period)
        since_joining = _days(day, member("joined_on", period))
        since_back = _days(day, member("reinstated_on", period))
        return ((since_joining >= 0) & (since_joining < rules.waiting_days)) | (
            (since_back >= 0) & (since_back < rules.reinstatement_waiting_days)
        )


class lapsed(Variable):
    value_type = bool
    entity = Member
    definition_period = DateUnit.YEAR
    label = "Contributions unpaid for longer than the fund allows: the membership has lapsed"

    def formula(member, period, parameters):
        unpaid = _days(member("event_date", period), member("paid_through", period))
        return unpaid > parameters(period).membership.lapse_after_days


class in_arrears(Variable):
    value_type = bool
    entity = Member
    definition_period = DateUnit.YEAR
    label = "Contributions unpaid for longer than the grace period (a lapsed member is in arrears too)"

    def formula(member, period, parameters):
        unpaid = _days(member("event_date", period), member("paid_through", period))
        return unpaid > parameters(period).membership.grace_days


VARIABLES = [
    event_date,
    joined_on,
    left_on,
    died_on,
    reinstated_on,
    paid_through,
    member_on_event_day,
    waiting,
    lapsed,
    in_arrears,
]
