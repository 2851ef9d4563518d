"""Co-funding in the navigation of a fund (sajja.web.navigation), in the money group: the fiscal years (a
year's entitlement, request and receipts are under it) and the fund's money by source."""

from django.utils.translation import gettext_lazy as _

from sajja.web.navigation import NavLink, register

register(
    NavLink("money", _("Co-funding"), "cofunding:years", "view_cofunding"),
    NavLink("money", _("Money by source"), "cofunding:sources", "view_cofunding"),
)
