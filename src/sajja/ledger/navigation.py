"""The books in the navigation of a fund (sajja.web.navigation). A new entry is an action (a button on the
entries and on the fund's page); closing a month, a button on the trial balance."""

from django.utils.translation import gettext_lazy as _

from sajja.web.navigation import NavLink, register

register(
    NavLink("books", _("Entries"), "entry-list", "view_books"),
    NavLink("books", _("Accounts"), "account-list", "view_books"),
    NavLink("books", _("Trial balance"), "trial-balance", "view_books", pages=("period-close",)),
    NavLink("books", _("New entry"), "entry-new", "post_entries", action=True),
)
