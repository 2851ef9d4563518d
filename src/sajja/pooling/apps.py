from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoolingConfig(AppConfig):
    name = "sajja.pooling"
    verbose_name = _("Pooling in networks")

    def ready(self):
        from sajja.access.capabilities import NETWORK_MANAGERS, OVERSEERS, Capability, register

        register(
            # a network's rule, what each fund remitted and what the pool paid back: the network's
            # coordinator over the whole network; a fund's own overseers for their fund
            Capability("view_pooling", in_fund=OVERSEERS, over_network=NETWORK_MANAGERS),
            # money between the network's funds is posted in both funds' books by the network's
            # coordinator (or an administrator), who reaches every fund of the network
            Capability("manage_pooling", in_fund=NETWORK_MANAGERS, over_network=NETWORK_MANAGERS),
        )

        from sajja.audit.records import register_kinds
        from sajja.pooling.records import REMITTANCE, RULE, TOP_UP

        register_kinds(RULE, REMITTANCE, TOP_UP)
