"""The coded words of pooling: what a fund remits on (money goes through the bank or the cash box,
as co-funding's does: `cofunding.reasons.MoneyAccount`); and why the area refuses what it
is asked (a Reason each, said in Thai and English from the area's catalogue)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sajja.reasons import Reason


class BasisChoice(models.TextChoices):
    """What a fund's remittance is worked out from (sajja.schemes.pooling.Basis)."""

    CONTRIBUTIONS = "contributions", _("a percentage of the members' contributions")
    SURPLUS = "surplus", _("a percentage of the year's surplus")
    PER_MEMBER = "per_member", _("an amount per member")


NO_RULE = Reason(
    "pooling_no_rule", _("network %(network)s has no pooling rule in force in fiscal year %(year)s")
)
RULE_INVALID = Reason("pooling_rule_invalid", _("%(field)s: %(why)s"))
RULE_IN_USE = Reason(
    "pooling_rule_in_use",
    _(
        "the rule from fiscal year %(year)s already has remittances or top-ups: set a new one from a later year"
    ),
)
POOL_NOT_IN_NETWORK = Reason(
    "pooling_pool_not_in_network",
    _("fund %(fund)s is not one of network %(network)s's funds: it cannot hold its pool"),
)
NOT_IN_NETWORK = Reason(
    "pooling_not_in_network",
    _("fund %(fund)s belongs to network %(own)s, not %(network)s: it cannot remit to that network's pool"),
)
POOL_REMITS = Reason("pooling_pool_remits", _("fund %(fund)s holds the pool: it does not remit to itself"))
AMOUNT_INVALID = Reason(
    "pooling_amount_invalid",
    _("the amount must be a whole number of satang, more than 0 and at most %(max)s"),
)
DAY_INVALID = Reason("pooling_day_invalid", _("%(day)s is after today or before fiscal year %(year)s began"))
ACCOUNT_INVALID = Reason(
    "pooling_account_invalid", _("money goes through the bank or the cash box, not '%(into)s'")
)
NOTE_TOO_LONG = Reason("pooling_note_too_long", _("the note is too long (at most %(limit)s characters)"))
KEY_REQUIRED = Reason(
    "pooling_key_required",
    _("a key of at most %(limit)s characters is required, so that a retry records nothing twice"),
)
KEY_REUSED = Reason(
    "pooling_key_reused", _("the key %(key)s was already used for something else: use a new key")
)
INSUFFICIENT_FUNDS = Reason(
    "pooling_insufficient_funds", _("%(fund)s holds %(balance)s in %(account)s, less than %(amount)s")
)
CLAIM_NOT_PAID = Reason(
    "pooling_claim_not_paid", _("claim %(claim)s is not paid: only a paid claim is topped up")
)
CLAIM_NOT_IN_NETWORK = Reason(
    "pooling_claim_not_in_network", _("claim %(claim)s is not of a fund of network %(network)s")
)
CLAIM_TOPPED_UP = Reason("pooling_claim_topped_up", _("claim %(claim)s was already topped up (%(amount)s)"))
TOP_UP_TOO_MUCH = Reason(
    "pooling_top_up_too_much", _("the rule tops claim %(claim)s up by at most %(most)s, not %(amount)s")
)
