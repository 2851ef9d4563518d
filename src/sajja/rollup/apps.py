from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class RollupConfig(AppConfig):
    name = "sajja.rollup"
    verbose_name = _("Networks and the nation")

    def ready(self):
        from sajja.access.capabilities import NETWORK_MANAGERS, Capability, register
        from sajja.audit.models import AuditEvent
        from sajja.rollup.signals import audit_event_saved, projection_saved
        from sajja.sustainability.models import Projection

        # The figures of a network's funds side by side: its coordinator and an administrator. A role in
        # one of its funds is not enough (the page shows every fund of the network): such a user is told
        # the network does not exist (selectors.network_for). A province and the nation: administrators.
        register(Capability("view_network_figures", in_fund=frozenset(), over_network=NETWORK_MANAGERS))
        # A fund's figures follow its books: every committed write of the fund refreshes them, and so does
        # a projection the worker stores.
        post_save.connect(audit_event_saved, sender=AuditEvent, dispatch_uid="rollup-refresh")
        post_save.connect(projection_saved, sender=Projection, dispatch_uid="rollup-projection")
