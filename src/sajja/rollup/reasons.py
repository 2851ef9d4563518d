"""The roll-up's coded reasons: why a fund needs attention, and what is not found. Thai in the area's
catalogue (locale/th)."""

from django.utils.translation import gettext_lazy as _

from sajja.reasons import Reason

# Why a fund needs attention (attention.py says when, and how much each weighs).
MONTHS_NOT_CLOSED = Reason(
    "months_not_closed", _("%(months)s month(s) ended without being closed (latest closed: %(latest)s)")
)
COLLECTIONS_LOW = Reason(
    "collections_low", _("collected %(percent)s%% of what was expected in %(month)s (below %(floor)s%%)")
)
ARREARS_HIGH = Reason(
    "arrears_high", _("%(percent)s%% of members in arrears at the close of %(month)s (%(ceiling)s%% or more)")
)
RISK_HIGH = Reason(
    "risk_high", _("the projection gives a %(percent)s%% probability of running out (%(ceiling)s%% or more)")
)
COFUNDING_OVERDUE = Reason(
    "cofunding_overdue",
    _("co-funding of %(amount)s still owed, due on %(day)s (more than %(days)s days ago)"),
)
NOT_CURRENT = Reason("not_current", _("figures last worked out on %(day)s: not current for this month"))
NEVER_WORKED_OUT = Reason("never_worked_out", _("figures not worked out yet"))

# Not found (a body outside the user's reach answers the same)
PROVINCE_NOT_FOUND = Reason("not_found", _("province not found"))
NATIONAL_NOT_FOUND = Reason("not_found", _("page not found"))
