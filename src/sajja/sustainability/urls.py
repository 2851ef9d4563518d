"""Web routes of the sustainability area. Every route is listed in tests/access/areas/sustainability.py."""

urlpatterns: list = []
