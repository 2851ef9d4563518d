"""Meetings and knowledge in the navigation of a fund and of a network (sajja.web.navigation). The knowledge
notes are the same page for every fund: the notes the user may read."""

from django.utils.translation import gettext_lazy as _

from sajja.web.navigation import NETWORK, NavLink, register

register(
    NavLink("meetings", _("Meetings"), "meeting-calendar"),
    NavLink("meetings", _("Knowledge"), "knowledge-search", site_wide=True),
)
register(
    NavLink("meetings", _("Network meetings"), "network-meeting-calendar"),
    NavLink("meetings", _("Model profile"), "model-profile"),
    NavLink("meetings", _("Knowledge"), "knowledge-search", site_wide=True),
    scope=NETWORK,
)
