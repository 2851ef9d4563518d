"""The books in the navigation of a fund (sajja.web.navigation). A new entry is an action (a button on the
entries and on the fund's page); closing a month, a button on the trial balance."""

from django.utils.translation import gettext_lazy as _

from sajja.web.navigation import NavLink, register

register(
    NavLink("books", _("Entries"), "ledger:entry-list", "view_books"),
    NavLink("books", _("Accounts"), "ledger:account-list", "view_books"),
    NavLink(
        "books", _("Trial balance"), "ledger:trial-balance", "view_books", pages=("ledger:period-close",)
    ),
    NavLink("books", _("New entry"), "ledger:entry-new", "post_entries", action=True),
)
