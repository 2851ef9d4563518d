from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "sajja.web"
    verbose_name = _("Web")

    def ready(self):
        # Each area declares its pages in the fund's and the network's navigation in its own navigation.py
        # (sajja.web.navigation): imported here, once every app is loaded, by that convention.
        autodiscover_modules("navigation")
