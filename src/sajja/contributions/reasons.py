"""Why the contributions area refuses a payment, a sheet, a file or a question: a stable code and the
English message id that the contributions catalogue says in Thai (`sajja.reasons`).

Amounts and days read differently in Thai and English (฿ and Buddhist-era dates in Thai, "baht" and ISO
dates in English): those placeholders are given as `Both(thai, english)`; so is a fee's name. Where the
English names what may be typed instead and the Thai does not, that placeholder is `Both("", words)`.

>>> from django.utils import translation
>>> with translation.override("th"):
...     EMPTY_SHEET.problem("amounts").message_th
'ยังไม่ได้กรอกจำนวนเงิน'
"""

from django.utils.translation import gettext_lazy as _

from sajja.contributions.models import Purpose
from sajja.reasons import Reason

# what is asked for is not there (or not the user's to see)
RECEIPT_NOT_FOUND = Reason("not_found", _("receipt not found"))
GROUP_NOT_FOUND = Reason("not_found", _("group not found"))
MONTH_NOT_CLOSED = Reason("not_found", _("this month has not been closed"))

# a payment: who paid
UNKNOWN_MEMBER = Reason("unknown_member", _("no member %(member)s in this fund"))
INACTIVE = {  # by the member's status
    "resigned": Reason("member_resigned", _("member %(number)s has resigned")),
    "deceased": Reason("member_deceased", _("member %(number)s is deceased")),
}

# how much
NOT_WHOLE_SATANG = Reason("not_whole_satang", _("the amount must be whole satang"))
AMOUNT_NOT_POSITIVE = Reason("amount_not_positive", _("the amount must be more than zero"))
AMOUNT_TOO_LARGE = Reason("amount_too_large", _("the amount is over the limit of %(limit)s"))
NOT_WHOLE_DAYS = Reason(
    "not_whole_days", _("the amount %(amount)s must be a multiple of the daily rate %(rate)s")
)

# on which day
INVALID_DATE = Reason("invalid_date", _("not a calendar date"))
BUDDHIST_ERA_YEAR = Reason(
    "buddhist_era_year",
    _("the year %(year)s is a Buddhist-era year: a YYYY-MM-DD date takes the common era (%(common)s)"),
)
DATE_IN_FUTURE = Reason("date_in_future", _("the date %(day)s is in the future"))
PERIOD_CLOSED = Reason("period_closed", _("the month of %(day)s is closed"))
BEFORE_JOINING = Reason("before_joining", _("the date %(day)s is before the member joined (%(joined)s)"))

# for what, how, with which paper receipt
UNKNOWN_PURPOSE = Reason("unknown_purpose", _("unknown purpose %(purpose)s%(known)s"))
UNKNOWN_CHANNEL = Reason("unknown_channel", _("unknown channel %(channel)s%(known)s"))
RECEIPT_NUMBER_USED = Reason("duplicate_receipt", _("receipt number %(receipt)s is already used"))
RECEIPT_NUMBER_REPEATED = Reason("duplicate_receipt", _("receipt number %(receipt)s repeats payment %(n)s"))


# a fee (the entry fee, the reinstatement fee): each refusal's code names the fee
def _each_fee(code: str, text) -> dict[str, Reason]:
    fees = (str(Purpose.ENTRY_FEE), str(Purpose.REINSTATEMENT_FEE))
    return {fee: Reason(code.format(fee=fee), text) for fee in fees}


NO_FEE = _each_fee("no_{fee}", _("this fund charges no %(fee)s"))
WRONG_FEE = _each_fee("wrong_{fee}", _("this fund's %(fee)s is %(due)s, not %(amount)s"))
FEE_PAID = _each_fee("{fee}_paid", _("member %(number)s has already paid the %(fee)s"))
FEE_REPEATED = _each_fee("{fee}_repeated", _("the %(fee)s of member %(number)s repeats payment %(n)s"))
NOT_LAPSED = Reason("not_lapsed", _("member %(number)s has not lapsed: no %(fee)s is due"))

# a key recorded before, sent again with other details (one detail differs, or several)
KEY_REUSED_ONE = Reason(
    "key_reused",
    _(
        "this was already recorded as receipt %(receipt)s (member %(member)s, %(amount)s, %(day)s) but now"
        " its %(fields)s differs: record a new payment as a new entry"
    ),
)
KEY_REUSED_MANY = Reason(
    "key_reused",
    _(
        "this was already recorded as receipt %(receipt)s (member %(member)s, %(amount)s, %(day)s) but now"
        " its %(fields)s differ: record a new payment as a new entry"
    ),
)

# a meeting sheet
NOT_IN_GROUP = Reason("not_in_group", _("member %(member)s is not in group %(group)s"))
EMPTY_SHEET = Reason("empty_sheet", _("no amount was filled in"))

# cancelling a receipt
REASON_REQUIRED = Reason("reason_required", _("a reason for cancelling is required"))
RECEIPT_CANCELLED = Reason("receipt_cancelled", _("receipt %(number)s is already cancelled"))

# the fund's PromptPay ID
PROMPTPAY_CHECK_DIGIT = Reason(
    "invalid_promptpay_id",
    _("the citizen or tax ID %(id)s is not valid: its check digit (the 13th) does not match"),
)

# a payments file and the decision on its possible duplicates
FILE_REQUIRED = Reason("file_required", _("send the file in the field `file`"))
FILE_TOO_LARGE = Reason("file_too_large", _("the file is larger than %(mb)s MB"))
INVALID_DUPLICATES = Reason("invalid_duplicates", _("duplicates must be confirm or skip"))
TOKEN_TOO_LONG = Reason("invalid_token", _("duplicates_token is too long"))
DUPLICATES_TOKEN_REQUIRED = Reason(
    "duplicates_token_required",
    _(
        "send duplicates_token, the token of the answer decided on (the 409 that held the file, or"
        " the answer for a file imported before), with duplicates"
    ),
)

# the months a report covers
RANGE_BACKWARDS = Reason("range_backwards", _("`to` must not come before `from`"))
RANGE_TOO_LONG = Reason("range_too_long", _("at most %(limit)s months at a time"))
