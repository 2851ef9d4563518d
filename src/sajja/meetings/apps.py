from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "sajja.meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from sajja.access.capabilities import ALL, NETWORK_MANAGERS, OFFICERS, Capability, register

        # A fund's meetings: everyone with a role in it reads, its officers arrange. A network's: every role
        # over it, and everyone holding a role in one of its funds, reads; its coordinator arranges.
        register(
            Capability("view_meetings", in_fund=ALL, over_network=ALL, from_network_funds=True),
            Capability(
                "manage_meetings",
                in_fund=OFFICERS,
                over_network=NETWORK_MANAGERS,
            ),
        )
