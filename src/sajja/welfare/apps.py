from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WelfareConfig(AppConfig):
    name = "sajja.welfare"
    verbose_name = _("Welfare")

    def ready(self):
        from sajja.access.capabilities import ALL, BOOKKEEPERS, OFFICERS, OVERSEERS, Capability, register
        from sajja.access.models import Role
        from sajja.welfare import checks  # noqa: F401 - registers the system checks

        # Verifying and approving are acts of the fund's own committee: an administrator's reach over every
        # fund does not make them a committee member, so they may not approve payments.
        committee = frozenset({Role.COMMITTEE})
        register(
            Capability("view_scheme", in_fund=ALL),
            Capability("manage_scheme", in_fund=OFFICERS),
            Capability("view_claims", in_fund=OVERSEERS),
            Capability("enter_claims", in_fund=BOOKKEEPERS),
            # for themself only: sajja.welfare.claims.claimants.may_enter_for
            Capability("enter_own_claim", in_fund=frozenset({Role.MEMBER})),
            Capability("verify_claims", in_fund=committee),
            Capability("approve_claims", in_fund=committee),
            Capability("reject_claims", in_fund=committee),
            Capability("pay_claims", in_fund=BOOKKEEPERS),
        )
