"""Why access is refused: a body outside the user's reach answers as one that does not exist; a role
without the right is told so; an API token is given for a bounded time. Thai in the project's catalogue.

>>> FUND_NOT_FOUND.not_found().message_th
'ไม่พบกองทุน'
"""

from django.utils.translation import gettext_lazy as _

from sajja.reasons import Reason

FUND_NOT_FOUND = Reason("not_found", _("fund not found"))
NETWORK_NOT_FOUND = Reason("not_found", _("network not found"))
ROLE_NOT_PERMITTED = Reason("not_permitted", _("your role does not allow this"))

TOKEN_DAYS = Reason("token_days", _("a token lasts 1 to %(days)s days"))
TOKEN_NOT_FOUND = Reason("not_found", _("token not found"))
