from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CofundingConfig(AppConfig):
    name = "sajja.cofunding"
    verbose_name = _("Co-funding")

    def ready(self):
        from sajja.access.capabilities import BOOKKEEPERS, OFFICERS, OVERSEERS, Capability, register

        register(
            # the entitlement, the requests and what was received: every overseer of the fund reads them
            Capability("view_cofunding", in_fund=OVERSEERS),
            # the fund's villages, registration and policy: its officers keep them
            Capability("manage_cofunding", in_fund=OFFICERS),
            # a request is recorded as a receivable and money received is posted: the bookkeepers' acts
            Capability("request_cofunding", in_fund=BOOKKEEPERS),
            Capability("receive_cofunding", in_fund=BOOKKEEPERS),
        )

        from sajja.audit.records import register_kinds
        from sajja.cofunding.records import ADMIN_LIMIT, ADMIN_OVERRIDE, PROFILE, RECEIPT, REFUND, REQUEST

        # `audit verify` checks every profile, request, receipt and refund against its latest audit event
        register_kinds(PROFILE, REQUEST, RECEIPT, REFUND, ADMIN_LIMIT, ADMIN_OVERRIDE)

        from sajja.cofunding.admin_cost import AdminCostGuard
        from sajja.ledger import guards

        # every administration expense, however it is posted, is judged against the fund's limit
        guards.register(AdminCostGuard())
