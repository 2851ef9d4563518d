"""Sustainability: each fund's and network's projected future, on the pages, the API and in the background."""
