"""The audit area's reasons (translated by the project's catalogue)."""

from django.utils.translation import gettext_lazy as _

from sajja.reasons import Reason

BUSY = Reason(
    "busy", _("busy with another write, try again in a few seconds (nothing of this request was saved)")
)
