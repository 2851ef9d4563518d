from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class SustainabilityConfig(AppConfig):
    name = "sajja.sustainability"
    verbose_name = _("Sustainability")

    def ready(self):
        from sajja.audit.models import AuditEvent
        from sajja.sustainability import checks  # noqa: F401 - registers the system check
        from sajja.sustainability.signals import audit_event_saved

        post_save.connect(audit_event_saved, sender=AuditEvent, dispatch_uid="sustainability-queue")
