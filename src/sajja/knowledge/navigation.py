"""Knowledge in the navigation of a fund and of a network (sajja.web.navigation), in the group of the
meetings where notes are written. The knowledge notes are the same page for every fund: the notes the user
may read. A network's pages show its model profile too."""

from django.utils.translation import gettext_lazy as _

from sajja.web.navigation import NETWORK, NavLink, register

register(NavLink("meetings", _("Knowledge"), "knowledge:knowledge-search", site_wide=True))
register(
    NavLink("meetings", _("Model profile"), "knowledge:model-profile"),
    NavLink("meetings", _("Knowledge"), "knowledge:knowledge-search", site_wide=True),
    scope=NETWORK,
)
