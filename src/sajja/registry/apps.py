from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "sajja.registry"
    verbose_name = _("Registry")

    def ready(self):
        from sajja.access.capabilities import ALL, BOOKKEEPERS, OVERSEERS, Capability, register
        from sajja.registry import checks  # noqa: F401 - registers the system checks

        register(
            Capability("view_fund", in_fund=ALL),
            Capability("view_members", in_fund=OVERSEERS),
            Capability("manage_members", in_fund=BOOKKEEPERS),
            Capability("see_national_id", in_fund=BOOKKEEPERS),
        )
