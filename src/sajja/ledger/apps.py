from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "sajja.ledger"
    verbose_name = _("Books")

    def ready(self):
        from sajja.access.capabilities import BOOKKEEPERS, OVERSEERS, Capability, register

        register(
            Capability("view_books", in_fund=OVERSEERS),
            Capability("export_books", in_fund=OVERSEERS),
            Capability("post_entries", in_fund=BOOKKEEPERS),
            Capability("close_period", in_fund=BOOKKEEPERS),
        )
