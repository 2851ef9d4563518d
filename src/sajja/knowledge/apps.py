from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    """The knowledge area registers no capability of its own: a body's notes are written by those who
    arrange its meetings (`manage_meetings`, sajja.meetings), and each note is read as far as it is shared
    (selectors.notes_for)."""

    name = "sajja.knowledge"
    verbose_name = _("Knowledge")
