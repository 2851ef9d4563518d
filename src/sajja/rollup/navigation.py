"""The network's home in the navigation of a network's pages (sajja.web.navigation): its funds and their
figures, for those who may see them."""

from django.utils.translation import gettext_lazy as _

from sajja.web.navigation import NETWORK, NavLink, register

register(
    NavLink("members", _("Funds of the network"), "rollup:network-home", "view_network_figures"),
    scope=NETWORK,
)
