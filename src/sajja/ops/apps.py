from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "sajja.ops"
    verbose_name = "Operations"
