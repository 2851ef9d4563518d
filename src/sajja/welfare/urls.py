"""Web routes of the welfare area. Every route is listed in tests/access/areas/welfare.py."""

urlpatterns: list = []
