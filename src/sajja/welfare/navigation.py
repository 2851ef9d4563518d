"""Welfare in the navigation of a fund (sajja.web.navigation): the rules, the claims (a member's own, for a
member), the pensions. A new claim is an action (a button on the claims' page and on the fund's)."""

from django.utils.translation import gettext_lazy as _

from sajja.web.navigation import NavLink, register

register(
    NavLink("welfare", _("Claims"), "welfare:claim-list", "view_claims"),
    NavLink("welfare", _("My claims"), "welfare:claim-list", unless="view_claims"),
    NavLink("welfare", _("Welfare rules"), "welfare:welfare-scheme"),
    NavLink("welfare", _("Pensions"), "welfare:pension-batches", "view_claims"),
    NavLink("welfare", _("New claim"), "welfare:claim-new", "enter_claims", action=True),
    NavLink(
        "welfare", _("New claim"), "welfare:claim-new", "enter_own_claim", unless="enter_claims", action=True
    ),
)
