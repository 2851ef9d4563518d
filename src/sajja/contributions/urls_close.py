"""Web routes of the month-end close. Every route is listed in tests/access/areas/contributions_close.py."""

urlpatterns: list = []
