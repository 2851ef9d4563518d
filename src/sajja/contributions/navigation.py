"""The money coming in, in the navigation of a fund (sajja.web.navigation): collecting, receipts, the report,
the month-end close. Recording a payment is an action (a button on Contributions and on the fund's page); who is
behind, a link on the report."""

from django.utils.translation import gettext_lazy as _

from sajja.web.navigation import NavLink, register

register(
    NavLink(
        "money",
        _("Contributions"),
        "fund-contributions",
        "post_entries",
        pages=("meeting-sheet", "sheet-receipts", "payment-new", "payment-import"),
    ),
    NavLink("money", _("Receipts"), "receipt-list", "view_books"),
    NavLink("money", _("Collection report"), "collection-report", "view_books"),
    NavLink("money", _("Month-end close"), "month-closes", "view_books"),
    NavLink("money", _("Record a payment"), "payment-new", "post_entries", action=True),
)
