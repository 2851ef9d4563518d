"""Why the books refuse what they are asked: a stable code and the English message id that the project's
catalogue says in Thai (`sajja.reasons`).

A month or a day is written each language's way (a Buddhist-era date in Thai, ISO in English): those
placeholders are given as `Both(thai, english)`.

>>> ENTRY_NOT_FOUND.not_found().message_th
'ไม่พบรายการ'
"""

from django.utils.translation import gettext_lazy as _

from sajja.reasons import Reason

# what is asked for is not there (or not the user's to see)
ACCOUNT_NOT_FOUND = Reason("not_found", _("account not found"))
ENTRY_NOT_FOUND = Reason("not_found", _("entry not found"))

# a period typed (YYYY-MM, or its Buddhist-era year); the English quotes what was typed, the Thai does not
PERIOD_NOT_A_MONTH = Reason("invalid_period", _("invalid period %(text)s (use YYYY-MM)"))
PERIOD_MONTH_WRONG = Reason("invalid_period", _("invalid month in %(text)s"))
PERIOD_YEAR_WRONG = Reason("invalid_period", _("year out of range in %(text)s"))

# posting: every entry carries its own idempotency key
KEY_REQUIRED = Reason(
    "key_required", _("an idempotency key of 1-%(limit)s characters (no control characters) is required")
)
KEY_REPEATED = Reason("key_repeated", _("key %(key)s appears twice in one batch"))
KEY_REUSED = Reason(
    "key_reused", _("key %(key)s was already used for a different entry (differs in %(fields)s)")
)

# reversals: the mirror of an entry of this fund, once
REVERSED_ENTRY_NOT_FOUND = Reason("unknown_entry", _("entry to reverse not found"))
REVERSAL_OF_REVERSAL = Reason("reversal_of_reversal", _("a reversal cannot itself be reversed"))
ALREADY_REVERSED = Reason("already_reversed", _("this entry has already been reversed"))
ALREADY_REVERSED_BY = Reason(
    "already_reversed", _("entry #%(entry)s was already reversed by entry #%(reversal)s")
)
NOT_A_MIRROR = Reason("not_a_mirror", _("a reversal must mirror every line of entry #%(entry)s"))
ONE_SIDE_PER_LINE = Reason("one_side_per_line", _("each line needs either a debit or a credit above zero"))

# closing a month of the books
PERIOD_OUT_OF_RANGE = Reason(
    "invalid_period", _("invalid period %(year)s-%(month)s (year 2000-2200, month 1-12)")
)
MONTH_NOT_ENDED = Reason(
    "month_not_ended", _("the month %(month)s has not ended: it can be closed from %(opens)s")
)
BEFORE_FOUNDING = Reason("before_founding", _("the fund was founded on %(founded)s: %(month)s is before it"))
