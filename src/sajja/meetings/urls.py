"""Web routes of the meetings area. Every route is listed in tests/access/areas/meetings.py."""

urlpatterns: list = []
