"""Web routes of the contributions area. Every route is listed in tests/access/areas/contributions.py."""

urlpatterns: list = []
