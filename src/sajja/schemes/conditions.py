"""Conditions that every kind of benefit may carry.

The engine checks all of them and reports every one that fails, so a member learns everything that
stands between them and the benefit at once. Age limits count whole years (rule 5 of `periods`);
"per year" counts the benefit year of the version (calendar or fiscal).

>>> c = Conditions.model_validate({"min_age": 60, "sex": "F", "max_amount_per_year": 2000})
>>> c.min_age, c.sex.value, c.max_amount_per_year, c.paid_up
(60, 'F', 200000, True)
"""

from __future__ import annotations

from pydantic import Field

from sajja.schemes.money import Money, Months
from sajja.schemes.parts import Part
from sajja.schemes.vocabulary import Recipient, Sex


class Conditions(Part):
    waiting_days: int | None = Field(default=None, ge=0)
    """Days from joining before the benefit may be claimed; None: the version's `waiting_days`."""
    paid_up: bool = True
    """Refuse members in arrears (lapsed members are always refused)."""
    min_paid_membership: Months | None = None
    min_age: int | None = Field(default=None, ge=0, le=150)
    max_age: int | None = Field(default=None, ge=0, le=150)
    sex: Sex | None = None
    max_claims_per_year: int | None = Field(default=None, ge=1)
    max_amount_per_year: Money | None = None
    recipient: Recipient = Recipient.MEMBER
    proxy_allowed: bool = True
    """A proxy may collect with a letter of authority."""
