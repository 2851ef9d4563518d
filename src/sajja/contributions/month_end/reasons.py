"""Why the month-end close refuses a month: a stable code and the English message id that the
contributions catalogue says in Thai (`sajja.reasons`). Months are `Both(thai, english)`: a Buddhist-era
month name in Thai, the common-era one in English."""

from django.utils.translation import gettext_lazy as _

from sajja.reasons import Reason

OUT_OF_ORDER = Reason(
    "month_out_of_order",
    _("months are closed oldest first: close %(earliest)s before %(month)s"),
)
