"""The money coming in, in the navigation of a fund (sajja.web.navigation): collecting, receipts, the report,
the month-end close. Recording a payment is an action (a button on Contributions and on the fund's page); who is
behind, a link on the report."""

from django.utils.translation import gettext_lazy as _

from sajja.web.navigation import NavLink, register

register(
    NavLink(
        "money",
        _("Contributions"),
        "contributions:fund-contributions",
        "post_entries",
        pages=(
            "contributions:meeting-sheet",
            "contributions:sheet-receipts",
            "contributions:payment-new",
            "contributions:payment-import",
        ),
    ),
    NavLink("money", _("Receipts"), "contributions:receipt-list", "view_books"),
    NavLink("money", _("Collection report"), "contributions:collection-report", "view_books"),
    NavLink("money", _("Month-end close"), "month_end:month-closes", "view_books"),
    NavLink("money", _("Record a payment"), "contributions:payment-new", "post_entries", action=True),
)
