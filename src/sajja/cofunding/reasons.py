"""The coded words of co-funding: the kinds of area, the parties, where money goes; and why the area refuses
what it is asked (a Reason each, said in Thai and English from the area's catalogue).

>>> from django.utils import translation
>>> with translation.override("th"):
...     str(PartyChoice.CENTRAL_GOVERNMENT.label), NOT_REQUESTED.not_found(year="2569").message_th
('รัฐบาล (ผ่าน พอช.)', 'ยังไม่ได้ยื่นคำขอเงินสมทบของปีงบประมาณ 2569')
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sajja.reasons import Reason


class AreaKindChoice(models.TextChoices):
    """What the fund's coverage is counted in (sajja.schemes.cofunding.AreaKind)."""

    TAMBON = "tambon", _("the villages of a tambon")
    MUNICIPALITY = "municipality", _("the communities of a municipality")


class PartyChoice(models.TextChoices):
    """Who puts money in (sajja.schemes.cofunding.Party)."""

    MEMBERS = "members", _("members")
    LOCAL_GOVERNMENT = "local_government", _("local government (TAO/municipality)")
    CENTRAL_GOVERNMENT = "central_government", _("central government (through CODI)")
    PROVINCE = "province", _("province (PAO)")
    OTHER_DONORS = "other_donors", _("other donors")


class MoneyAccount(models.TextChoices):
    """Where money received goes, or where a refund is paid from."""

    BANK = "bank", _("bank (1102)")
    CASH = "cash", _("cash (1101)")


# --- the fiscal year and the request --------------------------------------------------------------
YEAR_NOT_OVER = Reason(
    "cofunding_year_not_over",
    _(
        "fiscal year %(year)s is not over until %(end)s: its entitlement can be computed provisionally, "
        "but it can be requested only from %(first)s"
    ),
)
RULES_NOT_MET = Reason(
    "cofunding_rules_not_met",
    _("the fund does not meet the co-funding rules of fiscal year %(year)s: nothing was requested"),
)
NOTHING_TO_REQUEST = Reason(
    "cofunding_nothing_to_request",
    _("no member counts for fiscal year %(year)s: there is nothing to request"),
)
ALREADY_REQUESTED = Reason(
    "cofunding_already_requested",
    _("fiscal year %(year)s was already requested on %(day)s (request #%(id)s)"),
)
KEY_REQUIRED = Reason(
    "cofunding_key_required",
    _("a key of at most %(limit)s characters is required, so that a retry records nothing twice"),
)
KEY_REUSED = Reason(
    "cofunding_key_reused", _("the key %(key)s was already used for something else: use a new key")
)
NOT_REQUESTED = Reason("cofunding_not_requested", _("fiscal year %(year)s has not been requested yet"))
DUE_BEFORE_REQUEST = Reason("cofunding_due_before_request", _("the due date is before the request"))

# --- money received and refunded ------------------------------------------------------------------
PARTY_NOT_IN_REQUEST = Reason(
    "cofunding_party_not_in_request",
    _("'%(party)s' owes nothing under this request (its parties: %(parties)s)"),
)
AMOUNT_INVALID = Reason(
    "cofunding_amount_invalid",
    _("the amount must be a whole number of satang, more than 0 and at most %(max)s"),
)
DAY_IN_FUTURE = Reason("cofunding_day_in_future", _("%(day)s is after today"))
RECEIVED_BEFORE_REQUEST = Reason(
    "cofunding_received_before_request", _("%(day)s is before the request was made (%(requested)s)")
)
MONTH_CLOSED = Reason(
    "cofunding_month_closed", _("%(month)s is closed in the books: record it on a day of an open month")
)
ACCOUNT_INVALID = Reason(
    "cofunding_account_invalid", _("money goes into the bank or the cash box, not '%(into)s'")
)
NOTE_TOO_LONG = Reason(
    "cofunding_note_too_long", _("the note is too long (at most %(limit)s characters, no control characters)")
)
NOTHING_TO_REFUND = Reason(
    "cofunding_nothing_to_refund",
    _("%(party)s has %(left)s of overpayment left to refund, less than %(amount)s"),
)
INSUFFICIENT_FUNDS = Reason(
    "cofunding_insufficient_funds", _("%(account)s holds %(balance)s, less than %(amount)s")
)

# --- the fund's area, registration and policy -----------------------------------------------------
AREA_KIND_INVALID = Reason(
    "cofunding_area_kind_invalid", _("the area is a tambon or a municipality, not '%(kind)s'")
)
REGISTERED_IN_FUTURE = Reason(
    "cofunding_registered_in_future", _("the registration date %(day)s is after today")
)
TEXT_TOO_LONG = Reason(
    "cofunding_text_too_long", _("too long (at most %(limit)s characters, no control characters)")
)
VILLAGE_NUMBER_INVALID = Reason(
    "cofunding_village_number_invalid", _("a village or community number is a whole number from 1 to 999")
)
VILLAGE_REPEATED = Reason("cofunding_village_repeated", _("number %(number)s is listed twice"))
POLICY_UNKNOWN = Reason("cofunding_policy_unknown", _("no co-funding policy named '%(name)s' (%(names)s)"))

# --- administration costs (admin_cost.py) -----------------------------------------------------------
ADMIN_COST_NEAR = Reason(
    "cofunding_admin_cost_near",
    _(
        "administration costs of fiscal year %(year)s reach %(after)s, %(percent)s%% of the fund's money "
        "(%(base)s): near the limit of %(limit)s%% (%(ceiling)s)"
    ),
)
ADMIN_COST_PAST = Reason(
    "cofunding_admin_cost_past",
    _(
        "administration costs of fiscal year %(year)s would reach %(after)s, %(percent)s%% of the fund's "
        "money (%(base)s), past the limit of %(limit)s%% (%(ceiling)s): nothing was posted. A committee "
        "resolution linked to fiscal year %(year)s (administration costs past the limit) may allow it: "
        "name it when posting"
    ),
)
ADMIN_COST_RESOLUTION_INVALID = Reason(
    "cofunding_admin_cost_resolution_invalid",
    _(
        "resolution #%(resolution)s is not a resolution of this fund's meetings that allows administration "
        "costs past the limit in fiscal year %(year)s: nothing was posted (the year's costs would reach "
        "%(after)s, past %(ceiling)s)"
    ),
)
ADMIN_COST_ALLOWED = Reason(
    "cofunding_admin_cost_allowed",
    _(
        "administration costs of fiscal year %(year)s reach %(after)s, past the limit of %(limit)s%% "
        "(%(ceiling)s): posted as the committee's resolution allows"
    ),
)
ADMIN_LIMIT_INVALID = Reason(
    "cofunding_admin_limit_invalid", _("the limit is a whole percentage of the fund, from 1 to 100")
)
