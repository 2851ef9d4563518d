"""The projection of a fund, and of a network for its officers, in the navigation (sajja.web.navigation)."""

from django.utils.translation import gettext_lazy as _

from sajja.web.navigation import NETWORK, NavLink, register

register(
    NavLink("sustainability", _("Sustainability"), "sustainability:fund-sustainability", "view_projection")
)
register(
    NavLink(
        "sustainability", _("Sustainability"), "sustainability:network-sustainability", "view_projection"
    ),
    scope=NETWORK,
)
