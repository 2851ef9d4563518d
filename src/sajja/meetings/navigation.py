"""Meetings in the navigation of a fund and of a network (sajja.web.navigation). The knowledge notes beside
them, in the same group, are the knowledge area's (sajja.knowledge.navigation)."""

from django.utils.translation import gettext_lazy as _

from sajja.web.navigation import NETWORK, NavLink, register

register(NavLink("meetings", _("Meetings"), "meetings:meeting-calendar"))
register(NavLink("meetings", _("Network meetings"), "meetings:network-meeting-calendar"), scope=NETWORK)
