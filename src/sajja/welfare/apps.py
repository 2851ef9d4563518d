from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WelfareConfig(AppConfig):
    name = "sajja.welfare"
    verbose_name = _("Welfare")

    def ready(self):
        from sajja.welfare import checks  # noqa: F401 - registers the system checks
