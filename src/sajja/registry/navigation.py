"""The registry's pages in the navigation of a fund (sajja.web.navigation): its members, or a member's own;
enrolling one is an action."""

from django.utils.translation import gettext_lazy as _

from sajja.web.navigation import NavLink, register

register(
    NavLink("members", _("Members"), "registry:member-list", "view_members"),
    NavLink("members", _("My membership"), "registry:member-list", unless="view_members"),
    NavLink("members", _("Enrol a member"), "registry:member-new", "manage_members", action=True),
)
