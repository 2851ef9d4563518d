from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "sajja.registry"
    verbose_name = _("Registry")

    def ready(self):
        from sajja.registry import checks  # noqa: F401 - registers the system checks
