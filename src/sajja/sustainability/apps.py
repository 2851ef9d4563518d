from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class SustainabilityConfig(AppConfig):
    name = "sajja.sustainability"
    verbose_name = _("Sustainability")

    def ready(self):
        from sajja.access.capabilities import ALL, NETWORK_MANAGERS, OFFICERS, Capability, register
        from sajja.audit.models import AuditEvent
        from sajja.sustainability import checks  # noqa: F401 - registers the system check
        from sajja.sustainability.signals import audit_event_saved

        post_save.connect(audit_event_saved, sender=AuditEvent, dispatch_uid="sustainability-queue")
        # A fund's projection: everyone with a role in it sees it (members too: it is their fund's future);
        # its officers ask for a recompute. A network's: only the roles over the whole network see it and
        # ask; a role in one of its funds only is refused (403: the totals include funds outside that role),
        # anyone else is told the network does not exist (404).
        register(
            Capability("view_projection", in_fund=ALL, over_network=NETWORK_MANAGERS),
            Capability(
                "request_projection",
                in_fund=OFFICERS,
                over_network=NETWORK_MANAGERS,
            ),
        )
